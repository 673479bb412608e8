/**
 * Twenty searches as shoppers type them: plain words, misspellings (typo tolerance), and
 * filters that narrow the facets (category, brand, attribute, price, stock, sort).
 */
export const SEARCH_QUERIES: readonly string[] = [
  "q=headphones",
  "q=hedphones",
  "q=noise+cancelling+headphones",
  "q=earbuds&brand=Sonora",
  "q=speaker&category=audio",
  "q=blutooth+speaker",
  "q=laptop&sort=price_asc",
  "q=labtop",
  "q=mechanical+keyboard",
  "q=keybaord",
  "q=mouse&inStock=true",
  "q=sofa&category=furniture",
  "q=dining+chair",
  "q=frying+pan&minPrice=1000&maxPrice=10000",
  "q=lamp",
  "q=yoga+mat",
  "q=backpak",
  "q=tee&attr.material=cotton",
  "q=hoodie&brand=Northwind",
  "q=jeans&sort=rating",
];

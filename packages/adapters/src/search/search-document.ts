import { available, type Category, type Product, type SearchDocument, type StockLevel } from "@emporium/domain";

/**
 * Folds a product, its categories and the stock of its SKUs into what the
 * search indexes store. Archived variants are left out (unless every variant
 * is archived, so prices stay meaningful); a SKU without a stock level counts
 * as out of stock. Whether the product belongs in the index at all (status)
 * is the indexer's call.
 */
export function toSearchDocument(
  product: Product,
  categories: readonly Category[],
  levels: readonly StockLevel[],
  salesCount = 0,
): SearchDocument {
  const stock = new Map(levels.map((level) => [level.sku, available(level)]));
  const activeVariants = product.variants.filter((variant) => variant.status === "active");
  const variants = (activeVariants.length > 0 ? activeVariants : product.variants).map((variant) => ({
    sku: variant.sku,
    options: { ...variant.options },
    price: variant.price,
    inStock: (stock.get(variant.sku) ?? 0) > 0,
  }));
  const byId = new Map(categories.map((category) => [category.id, category]));
  const productCategories = product.categoryIds.flatMap((id) => {
    const category = byId.get(id);
    return category === undefined ? [] : [category];
  });
  const prices = variants.map((variant) => variant.price);
  return {
    productId: product.id,
    slug: product.slug,
    name: product.name,
    description: product.description,
    brand: product.brand,
    categoryIds: productCategories.map((category) => category.id),
    categoryNames: productCategories.map((category) => category.name),
    categoryPaths: productCategories.map((category) => category.path),
    attributes: { ...product.attributes },
    variants,
    minPrice: prices.length > 0 ? Math.min(...prices) : 0,
    maxPrice: prices.length > 0 ? Math.max(...prices) : 0,
    inStock: variants.some((variant) => variant.inStock),
    featured: product.featured,
    rating: product.rating.average,
    salesCount,
    createdAt: product.createdAt,
  };
}

import type { ProductRow } from "@emporium/domain";

type Variant = { sku: string; options?: Record<string, string>; price: number; stock: number };
type Product = Omit<ProductRow, "rowNumber" | "sku" | "price" | "stock" | "options" | "images" | "categoryPaths"> & {
  category: string[];
  variants: Variant[];
};

const image = (slug: string) => `https://images.emporium.example/${slug}/1.jpg`;

/**
 * The catalogue every `createTestApp()` starts with. Tests may rely on these facts:
 * - `classic-tee` (Acme, featured): TEE-BLUE-M 1999/50, TEE-BLUE-L 1999/30, TEE-RED-M 2199/0 (out of stock);
 * - `vneck-tee` (Acme) 2499, `linen-shirt` (Northwind) 4999;
 * - `studio-headphones` (Sonora, featured) 19900 in black/white; `travel-earbuds` (Sonora) 7900;
 * - `bluetooth-speaker` (Boomtown) 5900, stock 3 (low stock);
 * - `oak-sofa` (Hearth) 89900 with 2 in stock; `reading-lamp` (Hearth) 3900;
 * - `draft-jacket` is a draft (invisible to the store), `retired-mug` is archived;
 * - coupons WELCOME10 (10 % off) and FREESHIP (free shipping).
 */
export const TEST_PRODUCTS: readonly Product[] = [
  {
    product: "classic-tee",
    name: "Classic Tee",
    description: "Soft cotton t-shirt with a relaxed fit.",
    brand: "Acme",
    category: ["Apparel", "Tops", "T-Shirts"],
    attributes: { material: "cotton", fit: "regular" },
    featured: true,
    variants: [
      { sku: "TEE-BLUE-M", options: { colour: "blue", size: "M" }, price: 1999, stock: 50 },
      { sku: "TEE-BLUE-L", options: { colour: "blue", size: "L" }, price: 1999, stock: 30 },
      { sku: "TEE-RED-M", options: { colour: "red", size: "M" }, price: 2199, stock: 0 },
    ],
  },
  {
    product: "vneck-tee",
    name: "V-Neck Tee",
    description: "Lightweight v-neck t-shirt in organic cotton.",
    brand: "Acme",
    category: ["Apparel", "Tops", "T-Shirts"],
    attributes: { material: "organic cotton" },
    variants: [
      { sku: "VNECK-WHITE-S", options: { colour: "white", size: "S" }, price: 2499, stock: 20 },
      { sku: "VNECK-WHITE-M", options: { colour: "white", size: "M" }, price: 2499, stock: 20 },
    ],
  },
  {
    product: "linen-shirt",
    name: "Linen Shirt",
    description: "Breathable linen shirt for warm days.",
    brand: "Northwind",
    category: ["Apparel", "Tops", "Shirts"],
    attributes: { material: "linen" },
    variants: [{ sku: "LINEN-SAND-M", options: { colour: "sand", size: "M" }, price: 4999, stock: 12 }],
  },
  {
    product: "studio-headphones",
    name: "Studio Headphones",
    description: "Over-ear wireless headphones with active noise cancelling.",
    brand: "Sonora",
    category: ["Audio", "Headphones"],
    attributes: { connectivity: "bluetooth", colour: "black" },
    featured: true,
    variants: [
      { sku: "HP-STUDIO-BLK", options: { colour: "black" }, price: 19900, stock: 15 },
      { sku: "HP-STUDIO-WHT", options: { colour: "white" }, price: 19900, stock: 8 },
    ],
  },
  {
    product: "travel-earbuds",
    name: "Travel Earbuds",
    description: "Compact wireless earbuds with a charging case.",
    brand: "Sonora",
    category: ["Audio", "Headphones"],
    attributes: { connectivity: "bluetooth" },
    variants: [{ sku: "EARBUDS-TRAVEL", price: 7900, stock: 40 }],
  },
  {
    product: "bluetooth-speaker",
    name: "Bluetooth Speaker",
    description: "Portable waterproof speaker with twelve hours of battery.",
    brand: "Boomtown",
    category: ["Audio", "Speakers"],
    attributes: { connectivity: "bluetooth", waterproof: "yes" },
    variants: [{ sku: "SPEAKER-BT", price: 5900, stock: 3 }],
  },
  {
    product: "oak-sofa",
    name: "Oak Sofa",
    description: "Three-seat sofa with a solid oak frame.",
    brand: "Hearth",
    category: ["Home", "Furniture", "Sofas"],
    attributes: { material: "oak", seats: "3" },
    taxClass: "standard",
    variants: [{ sku: "SOFA-OAK-3", price: 89900, stock: 2 }],
  },
  {
    product: "reading-lamp",
    name: "Reading Lamp",
    description: "Adjustable brass lamp for the reading corner.",
    brand: "Hearth",
    category: ["Home", "Lighting"],
    attributes: { material: "brass" },
    variants: [{ sku: "LAMP-BRASS", price: 3900, stock: 25 }],
  },
  {
    product: "draft-jacket",
    name: "Draft Jacket",
    description: "Not yet for sale.",
    brand: "Northwind",
    category: ["Apparel", "Outerwear"],
    attributes: {},
    status: "draft",
    variants: [{ sku: "JACKET-DRAFT", price: 12900, stock: 5 }],
  },
  {
    product: "retired-mug",
    name: "Retired Mug",
    description: "No longer sold.",
    brand: "Hearth",
    category: ["Home", "Kitchen"],
    attributes: {},
    status: "archived",
    variants: [{ sku: "MUG-RETIRED", price: 1200, stock: 10 }],
  },
];

/** The test catalogue as import rows, one per variant. */
export function testCatalogRows(): ProductRow[] {
  let rowNumber = 0;
  return TEST_PRODUCTS.flatMap(({ category, variants, ...product }) =>
    variants.map(({ sku, options = {}, price, stock }) => ({
      ...product,
      rowNumber: ++rowNumber,
      sku,
      price,
      stock,
      options,
      categoryPaths: [category],
      images: [image(product.product)],
    })),
  );
}

export const TEST_COUPONS = { percentOff: "WELCOME10", freeShipping: "FREESHIP" } as const;

import { priceRange } from "../catalog/catalog-rules.js";
import type { Product, ProductStatus, Rating } from "../catalog/product.js";
import { available, type StockLevel } from "../inventory/stock.js";
import type { Repositories } from "../ports/unit-of-work.js";

/** A product as lists show it. Prices are minor units of the store currency. */
export interface ProductSummary {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly brand: string | null;
  readonly status: ProductStatus;
  readonly featured: boolean;
  /** The first image, or null. */
  readonly image: string | null;
  readonly priceRange: { readonly min: number; readonly max: number } | null;
  readonly rating: Rating;
  /** Whether any active variant can be bought now. */
  readonly inStock: boolean;
}

/** Summaries of `products`, in the same order, with stock read in one query. */
export async function summarizeProducts(repos: Pick<Repositories, "inventory">, products: readonly Product[]): Promise<ProductSummary[]> {
  const skus = products.flatMap((p) => p.variants.filter((v) => v.status === "active").map((v) => v.sku));
  const levels = new Map((await repos.inventory.findManyBySkus(skus)).map((level) => [level.sku, level]));
  return products.map((product) => toProductSummary(product, levels));
}

/** A summary from stock levels already read. */
export function toProductSummary(product: Product, levels: ReadonlyMap<string, StockLevel>): ProductSummary {
  return {
    id: product.id,
    slug: product.slug,
    name: product.name,
    brand: product.brand,
    status: product.status,
    featured: product.featured,
    image: product.images[0] ?? null,
    priceRange: priceRange(product),
    rating: product.rating,
    inStock: product.variants.some((v) => {
      const level = levels.get(v.sku);
      return v.status === "active" && level !== undefined && available(level) > 0;
    }),
  };
}

import { priceRange } from "../catalog/catalog-rules.js";
import type { Product } from "../catalog/product.js";
import type { ProductSummary } from "../catalog/product-summary.js";
import { available, type StockLevel } from "../inventory/stock.js";

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

import type { ProductStatus, Rating } from "./product.js";

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
  /** The cheapest and dearest active variant; null when none is active. */
  readonly priceRange: { readonly min: number; readonly max: number } | null;
  readonly rating: Rating;
  /** Whether any active variant can be bought now. */
  readonly inStock: boolean;
}

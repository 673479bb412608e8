export type ProductStatus = "draft" | "active" | "archived";
export type VariantStatus = "active" | "archived";

/** A sellable unit: one SKU with its option values and its own price in minor units. */
export interface Variant {
  readonly sku: string;
  readonly options: Readonly<Record<string, string>>;
  readonly price: number;
  readonly status: VariantStatus;
  readonly lowStockThreshold: number;
}

export interface Rating {
  readonly average: number;
  readonly count: number;
}

/**
 * A product with its variants. `categoryIds[0]` is the primary category.
 * Archiving is the soft delete: archived products leave the store but stay on orders.
 */
export interface Product {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly brand: string | null;
  readonly status: ProductStatus;
  readonly featured: boolean;
  readonly taxClass: string;
  readonly categoryIds: readonly string[];
  readonly images: readonly string[];
  readonly attributes: Readonly<Record<string, string>>;
  readonly variants: readonly Variant[];
  readonly rating: Rating;
  readonly relatedProductIds: readonly string[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

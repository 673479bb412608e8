import type { ProductStatus, Variant, VariantStatus } from "../catalog/product.js";
import type { ShopSettings } from "./context.js";

/** A variant as an admin sends it. Prices are minor units. */
export interface VariantInput {
  readonly sku: string;
  readonly options?: Readonly<Record<string, string>>;
  readonly price: number;
  readonly status?: VariantStatus;
  /** On-hand stock to start with (an `adjustment` movement); absent or 0 starts empty. */
  readonly stock?: number;
  /** Defaults to the shop's `lowStockThreshold`. */
  readonly lowStockThreshold?: number;
}

/** The editable fields of a product; on create, absent ones take their defaults. */
export interface ProductFieldsInput {
  /** Derived from the name when absent. */
  readonly slug?: string;
  readonly name?: string;
  readonly description?: string;
  readonly brand?: string | null;
  /** Defaults to `active`, as in imports. */
  readonly status?: ProductStatus;
  readonly featured?: boolean;
  /** Defaults to `standard`. */
  readonly taxClass?: string;
  /** The first is the primary category. */
  readonly categoryIds?: readonly string[];
  readonly images?: readonly string[];
  readonly attributes?: Readonly<Record<string, string>>;
  /** Admin-curated related products, shown first on the product page. */
  readonly relatedProductIds?: readonly string[];
}

/** A stored variant from its input. */
export function toVariant(input: VariantInput, settings: Pick<ShopSettings, "lowStockThreshold">): Variant {
  return {
    sku: input.sku.trim(),
    options: { ...(input.options ?? {}) },
    price: input.price,
    status: input.status ?? "active",
    lowStockThreshold: input.lowStockThreshold ?? settings.lowStockThreshold,
  };
}

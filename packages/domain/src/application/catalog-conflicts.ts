import type { ConflictError } from "../errors.js";

/** `catalog.slug_taken`: a product or category slug is already used. */
export const slugTaken = (slug: string): ConflictError => ({
  code: "catalog.slug_taken",
  message: `The slug ${slug} is already used; choose another one.`,
});

/** `catalog.sku_taken`: a SKU already belongs to a variant (of this or another product). */
export const skuTaken = (skus: readonly string[]): ConflictError => ({
  code: "catalog.sku_taken",
  message: `SKU ${skus.join(", ")} already ${skus.length === 1 ? "exists" : "exist"}; SKUs are unique across the catalogue.`,
});

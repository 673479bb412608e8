import type { FieldIssue } from "../errors.js";
import type { Product, Variant } from "./product.js";

/** Lower-case ASCII letters and digits in dash-separated words: `classic-tee`. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// Letters that Unicode decomposition does not reduce to ASCII.
const TRANSLITERATIONS: Readonly<Record<string, string>> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", đ: "d", ð: "d", ł: "l", þ: "th", ı: "i" };

/** A URL slug from free text: "Crème Brûlée Set!" → "creme-brulee-set". */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (letter) => TRANSLITERATIONS[letter] ?? letter)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The path of a category under `parentPath` (null for a root): `apparel` + `tops` → `apparel/tops`. */
export function childPath(parentPath: string | null, slug: string): string {
  return parentPath === null || parentPath === "" ? slug : `${parentPath}/${slug}`;
}

/** Lowest and highest price of the active variants; null when none is active. */
export function priceRange(product: Product): { min: number; max: number } | null {
  const prices = product.variants.filter((v) => v.status === "active").map((v) => v.price);
  if (prices.length === 0) return null;
  return { min: Math.min(...prices), max: Math.max(...prices) };
}

/** The variant with `sku`, active or not. */
export function findVariant(product: Product, sku: string): Variant | undefined {
  return product.variants.find((v) => v.sku === sku);
}

/** Whether `sku` can be put in a cart: the product and the variant are both active. */
export function isPurchasable(product: Product, sku: string): boolean {
  return product.status === "active" && findVariant(product, sku)?.status === "active";
}

/** Issues that make a product unsaveable, each with the path of the offending field. */
export function validateProduct(product: Product): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!SLUG_PATTERN.test(product.slug)) {
    issues.push({ path: "slug", message: "must be lower-case letters and digits separated by single dashes, such as classic-tee" });
  }
  if (product.name.trim() === "") issues.push({ path: "name", message: "is required" });
  if (product.variants.length === 0) issues.push({ path: "variants", message: "must have at least one variant" });

  const seenSkus = new Set<string>();
  product.variants.forEach((variant, i) => {
    const path = `variants[${i}]`;
    if (variant.sku.trim() === "") issues.push({ path: `${path}.sku`, message: "is required" });
    else if (seenSkus.has(variant.sku)) issues.push({ path: `${path}.sku`, message: `${variant.sku} appears more than once` });
    seenSkus.add(variant.sku);
    if (!Number.isSafeInteger(variant.price) || variant.price < 0) {
      issues.push({ path: `${path}.price`, message: "must be a non-negative whole number of minor units" });
    }
    if (!Number.isSafeInteger(variant.lowStockThreshold) || variant.lowStockThreshold < 0) {
      issues.push({ path: `${path}.lowStockThreshold`, message: "must be a non-negative whole number" });
    }
  });

  const seenCategories = new Set<string>();
  product.categoryIds.forEach((id, i) => {
    if (seenCategories.has(id)) issues.push({ path: `categoryIds[${i}]`, message: `category ${id} appears more than once` });
    seenCategories.add(id);
  });
  return issues;
}

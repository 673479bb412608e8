import { validateProduct } from "../catalog/catalog-rules.js";
import type { Product } from "../catalog/product.js";
import type { FieldIssue } from "../errors.js";
import type { Repositories } from "../ports/unit-of-work.js";
import type { ShopSettings } from "./context.js";
import { MAX_NAME_LENGTH } from "./validate-name.js";

const PRODUCT_STATUSES: ReadonlySet<string> = new Set(["draft", "active", "archived"]);
const VARIANT_STATUSES: ReadonlySet<string> = new Set(["active", "archived"]);
export const MAX_DESCRIPTION_LENGTH = 20_000;
export const MAX_IMAGES = 50;

/**
 * Every reason `product` cannot be saved: the domain rules, the fields they leave to the shop
 * (statuses, tax class, lengths, option combinations) and references to categories and related
 * products that must exist. Paths name the offending input fields.
 */
export async function productIssues(
  tx: Pick<Repositories, "categories" | "products">,
  settings: Pick<ShopSettings, "taxRates">,
  product: Product,
): Promise<FieldIssue[]> {
  const issues = productRuleIssues(settings, product);
  const categories = await Promise.all(product.categoryIds.map((id) => tx.categories.findById(id)));
  categories.forEach((category, i) => {
    if (category === null) issues.push({ path: `categoryIds[${i}]`, message: `category ${product.categoryIds[i]} does not exist` });
  });
  const related = new Set((await tx.products.findManyByIds(product.relatedProductIds)).map((p) => p.id));
  product.relatedProductIds.forEach((id, i) => {
    if (id === product.id) issues.push({ path: `relatedProductIds[${i}]`, message: "a product cannot be related to itself" });
    else if (!related.has(id)) issues.push({ path: `relatedProductIds[${i}]`, message: `product ${id} does not exist` });
  });
  return issues;
}

/** The issues of `productIssues` that need no lookup: the domain rules and the shop's own. */
export function productRuleIssues(settings: Pick<ShopSettings, "taxRates">, product: Product): FieldIssue[] {
  return [...validateProduct(product), ...shopRuleIssues(settings, product)];
}

/** Stock given with a new variant: a non-negative whole number. */
export function stockIssues(stock: number | undefined, path: string): FieldIssue[] {
  if (stock === undefined || (Number.isSafeInteger(stock) && stock >= 0)) return [];
  return [{ path, message: "must be a non-negative whole number" }];
}

function shopRuleIssues(settings: Pick<ShopSettings, "taxRates">, product: Product): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (product.name.length > MAX_NAME_LENGTH) issues.push({ path: "name", message: `must be at most ${MAX_NAME_LENGTH} characters` });
  if (product.description.length > MAX_DESCRIPTION_LENGTH)
    issues.push({ path: "description", message: `must be at most ${MAX_DESCRIPTION_LENGTH} characters` });
  if (!PRODUCT_STATUSES.has(product.status)) issues.push({ path: "status", message: "must be draft, active or archived" });
  if (!(product.taxClass in settings.taxRates)) {
    issues.push({ path: "taxClass", message: `must be one of the shop's tax classes: ${Object.keys(settings.taxRates).join(", ")}` });
  }
  if (product.images.length > MAX_IMAGES) issues.push({ path: "images", message: `must hold at most ${MAX_IMAGES} images` });
  product.images.forEach((image, i) => {
    if (image.trim() === "") issues.push({ path: `images[${i}]`, message: "must not be empty" });
  });
  for (const name of Object.keys(product.attributes)) {
    if (name.trim() === "") issues.push({ path: "attributes", message: "attribute names must not be empty" });
  }
  const combinations = new Map<string, number>();
  product.variants.forEach((variant, i) => {
    if (!VARIANT_STATUSES.has(variant.status)) issues.push({ path: `variants[${i}].status`, message: "must be active or archived" });
    const key = JSON.stringify(Object.entries(variant.options).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const twin = combinations.get(key);
    if (twin !== undefined)
      issues.push({
        path: `variants[${i}].options`,
        message: `are the same as those of variants[${twin}]; each variant needs its own combination`,
      });
    else combinations.set(key, i);
  });
  return issues;
}

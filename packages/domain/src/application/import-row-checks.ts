import { SLUG_PATTERN } from "../catalog/catalog-rules.js";
import type { Product } from "../catalog/product.js";
import type { StockLevel } from "../inventory/stock.js";
import type { CategoryPathResolver } from "./category-path-resolver.js";
import type { ShopSettings } from "./context.js";
import { MAX_DESCRIPTION_LENGTH } from "./product-issues.js";
import type { ProductRow } from "./product-row.js";
import { validateName } from "./validate-name.js";

/** A rejected import row, naming the column at fault as the import format spells it. */
export interface Rejection {
  readonly rejected: string;
  readonly field: string;
}

const PRODUCT_STATUSES: ReadonlySet<string> = new Set(["draft", "active", "archived"]);

export const reject = (field: string, rejected: string): Rejection => ({ rejected, field });

/** Why the first row of a product cannot set the product's fields (which rejects every row of it), or null. */
export function productRowProblem(
  head: ProductRow,
  settings: Pick<ShopSettings, "taxRates">,
  resolver: CategoryPathResolver,
): Rejection | null {
  if (!SLUG_PATTERN.test(head.product.trim())) {
    return reject("product", "must be a slug of lower-case letters and digits separated by dashes, such as classic-tee");
  }
  const name = validateName(head.name, "name")[0];
  if (name !== undefined) return reject("name", name.message);
  if (head.description !== undefined && head.description.length > MAX_DESCRIPTION_LENGTH) {
    return reject("description", `must be at most ${MAX_DESCRIPTION_LENGTH} characters`);
  }
  if (head.status !== undefined && !PRODUCT_STATUSES.has(head.status)) return reject("status", "must be draft, active or archived");
  if (head.taxClass !== undefined && !(head.taxClass in settings.taxRates)) {
    return reject("tax_class", `must be one of the shop's tax classes: ${Object.keys(settings.taxRates).join(", ")}`);
  }
  for (const path of head.categoryPaths) {
    const problem = resolver.problem(path);
    if (problem !== null) return reject("category", problem);
  }
  if (head.images.some((image) => image.trim() === "")) return reject("image", "must not contain an empty image URL");
  if (Object.keys(head.attributes).some((attribute) => attribute.trim() === ""))
    return reject("attributes", "attribute names must not be empty");
  return null;
}

/** A later row of a product must carry the name of its first row. */
export function nameMismatch(row: ProductRow, head: ProductRow): Rejection | null {
  if (row.name.trim() === head.name.trim()) return null;
  const expected = JSON.stringify(head.name.trim());
  return reject(
    "name",
    `differs from the first row of product ${head.product.trim()} (${expected}); every row of a product must carry the same name`,
  );
}

/**
 * Why a row cannot become a variant of its product, or null: a missing or repeated SKU, a SKU of
 * another product, a bad price or stock (stock below what checkouts hold included), empty options.
 */
export function variantRowProblem(
  row: ProductRow,
  firstRowOfSku: ReadonlyMap<string, number>,
  owner: Product | undefined,
  level: StockLevel | undefined,
): Rejection | null {
  const sku = row.sku.trim();
  if (sku === "") return reject("sku", "is required");
  const first = firstRowOfSku.get(sku);
  if (first !== undefined) return reject("sku", `${sku} appears again; it was first given in row ${first}`);
  if (owner !== undefined && owner.slug !== row.product.trim()) {
    return reject("product", `SKU ${sku} belongs to product ${owner.slug}; a SKU cannot move to another product`);
  }
  if (!Number.isSafeInteger(row.price) || row.price < 0) return reject("price", "must be a non-negative amount");
  if (row.stock !== undefined) {
    if (!Number.isSafeInteger(row.stock) || row.stock < 0) return reject("stock", "must be a non-negative whole number");
    if (level !== undefined && row.stock < level.reserved) {
      return reject("stock", `is below the ${level.reserved} units of ${sku} reserved by checkouts`);
    }
  }
  const option = Object.entries(row.options).find(([name, value]) => name.trim() === "" || value.trim() === "");
  if (option !== undefined) return reject(`option.${option[0]}`, "option names and values must not be empty");
  return null;
}

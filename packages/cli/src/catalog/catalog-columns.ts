/** The columns of the catalogue import and export format (DESIGN §14), in the order an export writes them. */
export const LEADING_COLUMNS = ["sku", "product", "name", "description", "brand", "category", "price", "stock"] as const;
export const TRAILING_COLUMNS = ["status", "featured", "image", "tax_class"] as const;
export const OPTION_PREFIX = "option.";
export const ATTRIBUTE_PREFIX = "attr.";
/** A file without these cannot describe a variant. */
export const REQUIRED_COLUMNS = ["sku", "product", "name", "price"] as const;
/**
 * The columns a reject file puts in front of the original ones. An import ignores them, so a
 * reject file can be corrected and imported as it is.
 */
export const REJECT_COLUMNS = ["rejected_row", "rejected_field", "rejected_reason"] as const;

const FIXED: ReadonlySet<string> = new Set([...LEADING_COLUMNS, ...TRAILING_COLUMNS]);
const IGNORED: ReadonlySet<string> = new Set(REJECT_COLUMNS);

export type ColumnKind = "fixed" | "option" | "attribute" | "ignored" | "unknown";

export function columnKind(column: string): ColumnKind {
  if (FIXED.has(column)) return "fixed";
  if (column.startsWith(OPTION_PREFIX) && column.length > OPTION_PREFIX.length) return "option";
  if (column.startsWith(ATTRIBUTE_PREFIX) && column.length > ATTRIBUTE_PREFIX.length) return "attribute";
  if (IGNORED.has(column)) return "ignored";
  return "unknown";
}

/** Why a header cannot be imported (missing or repeated columns), or null. Unknown columns are a row-level matter. */
export function headerProblem(header: readonly string[]): string | null {
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    return `the header has no ${missing.join(", ")} column${missing.length === 1 ? "" : "s"}; the import format needs ${REQUIRED_COLUMNS.join(", ")} (see DESIGN §14)`;
  }
  const repeated = header.find((column, index) => column !== "" && header.indexOf(column) !== index);
  return repeated === undefined ? null : `the header names column "${repeated}" twice`;
}

/** Why a row with a value in `column` is rejected. */
export function unknownColumnReason(column: string): string {
  const hint = column.includes(".") ? "" : `; an option is option.${column}, an attribute attr.${column}`;
  return `unknown column "${column}": it is not part of the import format${hint}`;
}

/** The header of an export: the fixed columns with every option and attribute name seen, sorted. */
export function exportHeader(optionNames: Iterable<string>, attributeNames: Iterable<string>): string[] {
  return [
    ...LEADING_COLUMNS,
    ...[...optionNames].sort().map((name) => `${OPTION_PREFIX}${name}`),
    ...[...attributeNames].sort().map((name) => `${ATTRIBUTE_PREFIX}${name}`),
    ...TRAILING_COLUMNS,
  ];
}

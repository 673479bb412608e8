import { formatMajorUnits, parseMajorUnits, type ProductRow, type ProductStatus } from "@emporium/domain";
import { ATTRIBUTE_PREFIX, columnKind, OPTION_PREFIX, unknownColumnReason } from "./catalog-columns.js";

/** One row of a catalogue file as column → cell text; a column the file does not have is absent. */
export type CatalogRecord = Readonly<Record<string, string>>;

export type RecordOutcome =
  { readonly ok: true; readonly row: ProductRow } | { readonly ok: false; readonly field: string; readonly reason: string };

const CATEGORY_SEPARATOR = ";";
const PATH_SEPARATOR = ">";
const IMAGE_SEPARATOR = ";";
const BOOLEANS: Readonly<Record<string, boolean>> = { true: true, false: false, yes: true, no: false, "1": true, "0": false };

const rejected = (field: string, reason: string): RecordOutcome => ({ ok: false, field, reason });

/**
 * Reads one record as an import row: the cell syntax of DESIGN §14 (prices in major units of
 * `currency`, `A > B; C` category paths, `;` between images). What the catalogue's rules
 * decide (a valid slug, a non-negative price, a known tax class) is left to ImportProducts.
 * An empty cell of an optional column keeps the stored value, except brand (none) and description.
 */
export function toProductRow(record: CatalogRecord, rowNumber: number, currency: string): RecordOutcome {
  const options: Record<string, string> = {};
  const attributes: Record<string, string> = {};
  for (const [column, value] of Object.entries(record)) {
    const kind = columnKind(column);
    if (kind === "unknown" && value.trim() !== "") return rejected(column, unknownColumnReason(column));
    if (value.trim() === "") continue;
    if (kind === "option") options[column.slice(OPTION_PREFIX.length)] = value.trim();
    if (kind === "attribute") attributes[column.slice(ATTRIBUTE_PREFIX.length)] = value.trim();
  }

  const priceText = cell(record, "price") ?? "";
  if (priceText.trim() === "") return rejected("price", "is required");
  const price = parseMajorUnits(priceText, currency);
  if (price === null)
    return rejected("price", `must be an amount in ${currency} like ${formatMajorUnits(1999, currency)}, got "${priceText}"`);

  const stockText = present(record, "stock");
  if (stockText !== undefined && !/^[+-]?\d{1,15}$/.test(stockText)) return rejected("stock", `must be a whole number, got "${stockText}"`);

  const featuredText = present(record, "featured");
  const featured = featuredText === undefined ? undefined : BOOLEANS[featuredText.toLowerCase()];
  if (featuredText !== undefined && featured === undefined) return rejected("featured", `must be true or false, got "${featuredText}"`);

  const description = cell(record, "description");
  const brand = cell(record, "brand");
  const status = present(record, "status");
  const taxClass = present(record, "tax_class");
  const row: ProductRow = {
    rowNumber,
    sku: cell(record, "sku") ?? "",
    product: cell(record, "product") ?? "",
    name: cell(record, "name") ?? "",
    ...(description === undefined ? {} : { description }),
    ...(brand === undefined ? {} : { brand: brand.trim() === "" ? null : brand.trim() }),
    categoryPaths: splitList(cell(record, "category"), CATEGORY_SEPARATOR).map((path) =>
      path.split(PATH_SEPARATOR).map((name) => name.trim()),
    ),
    price,
    ...(stockText === undefined ? {} : { stock: Number(stockText) }),
    options,
    attributes,
    ...(status === undefined ? {} : { status: status as ProductStatus }),
    ...(featured === undefined ? {} : { featured }),
    images: splitList(cell(record, "image"), IMAGE_SEPARATOR),
    ...(taxClass === undefined ? {} : { taxClass }),
  };
  return { ok: true, row };
}

/** An export row as a record, in the same syntax `toProductRow` reads, so the two are inverse. */
export function toCatalogRecord(row: ProductRow, currency: string): Record<string, string> {
  const record: Record<string, string> = {
    sku: row.sku,
    product: row.product,
    name: row.name,
    description: row.description ?? "",
    brand: row.brand ?? "",
    category: row.categoryPaths.map((path) => path.join(` ${PATH_SEPARATOR} `)).join(`${CATEGORY_SEPARATOR} `),
    price: formatMajorUnits(row.price, currency),
    stock: row.stock === undefined ? "" : String(row.stock),
    status: row.status ?? "",
    featured: row.featured === undefined ? "" : String(row.featured),
    image: row.images.join(IMAGE_SEPARATOR),
    tax_class: row.taxClass ?? "",
  };
  for (const [name, value] of Object.entries(row.options)) record[`${OPTION_PREFIX}${name}`] = value;
  for (const [name, value] of Object.entries(row.attributes)) record[`${ATTRIBUTE_PREFIX}${name}`] = value;
  return record;
}

const cell = (record: CatalogRecord, column: string): string | undefined => (Object.hasOwn(record, column) ? record[column] : undefined);

/** The trimmed cell, or undefined when the column is absent or the cell empty. */
function present(record: CatalogRecord, column: string): string | undefined {
  const value = cell(record, column)?.trim();
  return value === undefined || value === "" ? undefined : value;
}

function splitList(text: string | undefined, separator: string): string[] {
  if (text === undefined || text.trim() === "") return [];
  return text.split(separator).map((part) => part.trim());
}

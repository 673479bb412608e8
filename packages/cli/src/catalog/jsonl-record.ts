import { formatMajorUnits, type ProductRow } from "@emporium/domain";
import { ATTRIBUTE_PREFIX, OPTION_PREFIX } from "./catalog-columns.js";
import type { CatalogRecord } from "./catalog-record.js";

export type JsonRecordOutcome =
  { readonly ok: true; readonly record: CatalogRecord } | { readonly ok: false; readonly field: string; readonly reason: string };

/** The nested keys of a JSONL line; every other key is a column of the CSV format. */
const NESTED = { options: OPTION_PREFIX, attributes: ATTRIBUTE_PREFIX } as const;
/** Keys whose value may be a list instead of a `;`-separated string. */
const LISTS: Readonly<Record<string, string>> = { category: "; ", image: ";" };

/**
 * Flattens one JSONL object to the CSV format's columns: `options` and `attributes` become
 * `option.<name>` and `attr.<name>`, lists of categories or images are joined, numbers and
 * booleans become their text, null an empty cell. Prices may be strings ("19.99") or numbers.
 */
export function jsonToRecord(value: unknown): JsonRecordOutcome {
  if (!isObject(value)) return { ok: false, field: "line", reason: "must be a JSON object, one per line" };
  const record: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key in NESTED) {
      if (item === null) continue;
      if (!isObject(item)) return { ok: false, field: key, reason: "must be an object of names to values" };
      for (const [name, nested] of Object.entries(item)) {
        const text = scalarText(nested);
        if (text === null) return { ok: false, field: `${key}.${name}`, reason: "must be a string, number or boolean" };
        record[`${NESTED[key as keyof typeof NESTED]}${name}`] = text;
      }
      continue;
    }
    if (Array.isArray(item) && key in LISTS) {
      const parts = item.map(scalarText);
      if (parts.some((part) => part === null)) return { ok: false, field: key, reason: "must be a list of strings" };
      record[key] = parts.join(LISTS[key]);
      continue;
    }
    const text = scalarText(item);
    if (text === null) return { ok: false, field: key, reason: "must be a string, number, boolean or null" };
    record[key] = text;
  }
  return { ok: true, record };
}

/** An export row as the JSON object `jsonToRecord` reads back into the same row. */
export function rowToJson(row: ProductRow, currency: string): Record<string, unknown> {
  return {
    sku: row.sku,
    product: row.product,
    name: row.name,
    description: row.description ?? "",
    brand: row.brand ?? null,
    category: row.categoryPaths.map((path) => path.join(" > ")),
    price: formatMajorUnits(row.price, currency),
    stock: row.stock ?? null,
    options: sortedObject(row.options),
    attributes: sortedObject(row.attributes),
    status: row.status ?? null,
    featured: row.featured ?? null,
    image: [...row.images],
    tax_class: row.taxClass ?? null,
  };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function scalarText(value: unknown): string | null {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

function sortedObject(values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

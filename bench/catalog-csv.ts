import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type { ProductRow } from "@emporium/domain";

/**
 * Writes rows as the catalogue CSV of DESIGN §14 (header row, RFC 4180 quoting), prices as
 * major units with two decimals. Options and attributes get one column per name seen.
 */
export async function writeCatalogCsv(path: string, rows: readonly ProductRow[]): Promise<void> {
  const options = new Set<string>();
  const attributes = new Set<string>();
  for (const row of rows) {
    for (const name of Object.keys(row.options)) options.add(name);
    for (const name of Object.keys(row.attributes)) attributes.add(name);
  }
  const optionNames = [...options].sort();
  const attributeNames = [...attributes].sort();
  const header = [
    "sku",
    "product",
    "name",
    "description",
    "brand",
    "category",
    "price",
    "stock",
    ...optionNames.map((name) => `option.${name}`),
    ...attributeNames.map((name) => `attr.${name}`),
    "status",
    "featured",
    "image",
    "tax_class",
  ];
  const out = createWriteStream(path);
  const write = async (cells: readonly string[]) => {
    if (!out.write(`${cells.map(quote).join(",")}\r\n`)) await once(out, "drain");
  };
  await write(header);
  for (const row of rows) {
    await write([
      row.sku,
      row.product,
      row.name,
      row.description ?? "",
      row.brand ?? "",
      row.categoryPaths.map((path) => path.join(" > ")).join(";"),
      majorUnits(row.price),
      row.stock === undefined ? "" : String(row.stock),
      ...optionNames.map((name) => row.options[name] ?? ""),
      ...attributeNames.map((name) => row.attributes[name] ?? ""),
      row.status ?? "active",
      row.featured === true ? "true" : "false",
      row.images.join(";"),
      row.taxClass ?? "standard",
    ]);
  }
  out.end();
  await once(out, "finish");
}

// Integer arithmetic: 1999 → "19.99" (the demo store's currency has two decimals).
const majorUnits = (minor: number): string => `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;

const quote = (cell: string): string => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

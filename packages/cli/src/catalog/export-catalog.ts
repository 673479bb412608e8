import type { ExportProducts } from "@emporium/domain";
import { csvLine } from "../output/csv-line.js";
import type { TextSink } from "../output/text-sink.js";
import { exportHeader } from "./catalog-columns.js";
import type { CatalogFormat } from "./catalog-file.js";
import { toCatalogRecord } from "./catalog-record.js";
import { rowToJson } from "./jsonl-record.js";

export interface ExportCatalogOptions {
  readonly format: CatalogFormat;
  /** The store currency: prices are written in its major unit. */
  readonly currency: string;
  /** Called after each row with the rows written so far. */
  readonly onRow?: () => void;
}

/**
 * Writes the whole catalogue in the import format, one row per variant, so importing the file
 * changes nothing. CSV needs its header first: a first pass collects every option and
 * attribute name, the second writes the rows. Returns the rows written.
 */
export async function exportCatalog(
  exporter: Pick<ExportProducts, "execute">,
  sink: TextSink,
  options: ExportCatalogOptions,
): Promise<number> {
  const { format, currency, onRow } = options;
  let rows = 0;
  if (format === "jsonl") {
    for await (const row of exporter.execute()) {
      await sink.write(`${JSON.stringify(rowToJson(row, currency))}\n`);
      rows += 1;
      onRow?.();
    }
    return rows;
  }
  const optionNames = new Set<string>();
  const attributeNames = new Set<string>();
  for await (const row of exporter.execute()) {
    for (const name of Object.keys(row.options)) optionNames.add(name);
    for (const name of Object.keys(row.attributes)) attributeNames.add(name);
  }
  const header = exportHeader(optionNames, attributeNames);
  const columns = new Set(header);
  await sink.write(csvLine(header));
  for await (const row of exporter.execute()) {
    const record = toCatalogRecord(row, currency);
    const added = Object.keys(record).find((column) => !columns.has(column));
    if (added !== undefined) throw new Error(`the catalogue changed during the export (new column ${added}); export again`);
    await sink.write(csvLine(header.map((column) => record[column] ?? "")));
    rows += 1;
    onRow?.();
  }
  return rows;
}

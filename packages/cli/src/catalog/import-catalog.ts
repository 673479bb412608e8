import type { AdminCommand, ImportProducts, ProductRow } from "@emporium/domain";
import { CliError } from "../cli-error.js";
import { ExitCode } from "../exit-codes.js";
import type { Progress } from "../output/progress.js";
import { columnKind, headerProblem } from "./catalog-columns.js";
import { openCatalogFile, type CatalogFormat, type SourceRecord } from "./catalog-file.js";
import { toProductRow } from "./catalog-record.js";
import { BatchRunner } from "./batch-runner.js";
import { ProductBatcher } from "./product-batcher.js";
import { RejectFile } from "./reject-file.js";

export interface ImportCatalogOptions {
  readonly path: string;
  readonly format: CatalogFormat;
  readonly rejectsPath: string;
  /** The use case, or one over a RollbackUnitOfWork for a dry run. */
  readonly importer: Pick<ImportProducts, "execute">;
  /** The store currency: prices are read in its major unit. */
  readonly currency: string;
  /** Rows per transaction, rounded up to whole products. */
  readonly batchRows: number;
  /** Batches in flight at once (PostgreSQL has connections to spare; SQLite has one writer). */
  readonly concurrency: number;
  readonly command: AdminCommand;
  /** Told once about each column that is not part of the format. */
  readonly warn: (message: string) => void;
  /** Progress over `total` rows. */
  readonly progress: (total: number) => Progress;
}

export interface ImportSummary {
  readonly rows: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  /** With a rolled-back importer, counted per batch: a category new to several batches is counted in each. */
  readonly categoriesCreated: number;
  /** The reject file, when a row was rejected. */
  readonly rejectsPath: string | null;
}

interface PendingRow {
  readonly slug: string;
  readonly row: ProductRow;
  readonly original: readonly string[];
}

/**
 * Imports a catalogue file through ImportProducts in batches of whole products, one transaction
 * each. A first pass counts each product's rows (so the rows of a product share a batch however
 * the file is ordered) and the total for the progress bar; the second reads, converts and
 * imports. Bad rows go to the reject file and never stop the import. A SKU given twice is
 * rejected the second time across the whole file, not only within a batch.
 */
export async function importCatalog(options: ImportCatalogOptions): Promise<ImportSummary> {
  const { path, format, rejectsPath, importer, currency, batchRows, concurrency, command, warn } = options;
  const file = await openCatalogFile(path, format);
  if (file.header !== null) {
    const problem = headerProblem(file.header);
    if (problem !== null) throw new CliError(`${path}: ${problem}`, ExitCode.invalid);
  }

  const unknown = new Set<string>();
  const noteColumns = (columns: Iterable<string>) => {
    for (const column of columns) {
      if (columnKind(column) !== "unknown" || unknown.has(column)) continue;
      unknown.add(column);
      warn(`column "${column}" is not part of the import format; rows with a value in it are rejected`);
    }
  };
  if (file.header !== null) noteColumns(file.header);

  const rowsOfProduct = new Map<string, number>();
  let total = 0;
  for await (const source of file.records()) {
    total += 1;
    if (!source.outcome.ok) continue;
    if (file.header === null) noteColumns(Object.keys(source.outcome.record));
    const slug = slugOf(source.outcome.record["product"]);
    rowsOfProduct.set(slug, (rowsOfProduct.get(slug) ?? 0) + 1);
  }

  const rejects = new RejectFile(rejectsPath, file.header);
  const counts = { created: 0, updated: 0, unchanged: 0, categoriesCreated: 0 };
  const progress = options.progress(total);
  let done = 0;

  const reject = async (rowNumber: number, field: string, reason: string, original: readonly string[]) => {
    await rejects.add({ rowNumber, field, reason, original });
    done += 1;
    progress.advance(1);
  };
  const run = async (batch: readonly PendingRow[]) => {
    const result = await importer.execute({ ...command, rows: batch.map((pending) => pending.row) }).catch((error: unknown) => {
      throw new Error(
        `the import stopped after ${done} of ${total} rows (the batches before were committed; importing the file again is safe): ${
          error instanceof Error ? error.message : String(error)
        }`,
        { cause: error },
      );
    });
    if (!result.ok) throw CliError.from(result.error);
    const byRow = new Map(batch.map((pending) => [pending.row.rowNumber, pending]));
    for (const { rowNumber, outcome } of result.value.rows) {
      if (typeof outcome === "string") {
        counts[outcome] += 1;
        done += 1;
        progress.advance(1);
      } else {
        await reject(rowNumber, outcome.field, outcome.rejected, byRow.get(rowNumber)?.original ?? []);
      }
    }
    counts.categoriesCreated += result.value.categoriesCreated;
  };

  const batcher = new ProductBatcher<PendingRow>(rowsOfProduct, batchRows);
  const runner = new BatchRunner(run, concurrency);
  const firstRowOfSku = new Map<string, number>();
  try {
    for await (const source of file.records()) {
      const read = readRow(source, currency, firstRowOfSku);
      if (read.ok) {
        for (const batch of batcher.add(read.pending)) await runner.submit(batch);
        continue;
      }
      await reject(source.rowNumber, read.field, read.reason, source.original);
      if (read.slug !== null) for (const batch of batcher.drop(read.slug)) await runner.submit(batch);
    }
    for (const batch of batcher.finish()) await runner.submit(batch);
    await runner.finish();
  } catch (error) {
    await runner.settle();
    throw error;
  } finally {
    progress.done();
    await rejects.close();
  }
  const { categoriesCreated, ...outcomes } = counts;
  return { rows: total, ...outcomes, rejected: rejects.count, categoriesCreated, rejectsPath: rejects.count > 0 ? rejectsPath : null };
}

type ReadRow =
  | { readonly ok: true; readonly pending: PendingRow }
  | { readonly ok: false; readonly field: string; readonly reason: string; readonly slug: string | null };

function readRow(source: SourceRecord, currency: string, firstRowOfSku: Map<string, number>): ReadRow {
  if (!source.outcome.ok) return { ...source.outcome, slug: null };
  const slug = slugOf(source.outcome.record["product"]);
  const converted = toProductRow(source.outcome.record, source.rowNumber, currency);
  if (!converted.ok) return { ...converted, slug };
  const sku = converted.row.sku.trim();
  const first = firstRowOfSku.get(sku);
  if (first !== undefined) return { ok: false, field: "sku", reason: `${sku} appears again; it was first given in row ${first}`, slug };
  if (sku !== "") firstRowOfSku.set(sku, source.rowNumber);
  return { ok: true, pending: { slug, row: converted.row, original: source.original } };
}

const slugOf = (product: string | undefined): string => (product ?? "").trim();

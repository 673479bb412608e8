import { basename, dirname, extname, join, resolve } from "node:path";
import { Option, type Command } from "@commander-js/extra-typings";
import { InMemoryCache, Tokens } from "@emporium/adapters";
import { ImportProducts } from "@emporium/domain";
import { adminCommand } from "../admin-command.js";
import { CATALOG_FORMATS, catalogFormatOf } from "../catalog/catalog-file.js";
import { importCatalog, type ImportSummary } from "../catalog/import-catalog.js";
import { RollbackUnitOfWork } from "../catalog/rollback-unit-of-work.js";
import { CliError, CliExit } from "../cli-error.js";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-codes.js";
import { printJson } from "../output/print-json.js";
import { startProgress } from "../output/progress.js";
import { withContainer } from "../with-container.js";
import { wholeNumber } from "./parse-number.js";

const FORMAT_HELP = `
Format (DESIGN §14): one row per variant. CSV with a header row (UTF-8, RFC 4180 quoting) or
JSONL with the same keys (options and attributes as nested objects "options" and "attributes").
  sku (required, the upsert key)   product (slug; rows with one slug are one product)
  name   description   brand   category ("Apparel > Tops > T-Shirts", ";" between several, the first primary)
  price (19.99, in the store currency)   stock (sets on hand)   option.<name>   attr.<name>
  status (draft|active|archived)   featured (true|false)   image (";" between several)   tax_class

Rejected rows never stop the import: each goes to the reject file with its line, the column at
fault and why, then its original values. The reject file of a CSV can be corrected and imported
as it is: its rejected_* columns are ignored. Importing the same file again changes nothing.

Examples:
  $ emporium import products catalogue.csv
  $ emporium import products catalogue.csv --dry-run
  $ emporium import products feed.jsonl --rejects /tmp/feed-rejects.csv --json

Exit status: 0 every row imported (or unchanged), 2 some rows rejected, 4 the file cannot be read,
64 a usage error.`;

/** `emporium import products FILE`: the catalogue from CSV or JSONL. */
export function registerImport(program: Command, io: CliIo): void {
  const group = program.command("import").description("load the catalogue from a file");
  group
    .command("products")
    .description("create and update products and variants from a CSV or JSONL file, in batches of whole products")
    .argument("<file>", "the file to import")
    .addOption(new Option("--format <format>", "the file's format (default: from its extension)").choices(CATALOG_FORMATS))
    .option("--rejects <path>", "where rejected rows are written (default: FILE with the extension .rejects.csv)")
    .option("--dry-run", "check every row against the catalogue and report what would change; write nothing")
    .option("--batch-size <rows>", "rows per transaction, rounded up to whole products", wholeNumber, 500)
    .option("--concurrency <n>", "transactions at once (default: 4 on PostgreSQL, 1 on SQLite, which has one writer)", wholeNumber)
    .option("--json", "print the summary as JSON")
    .addHelpText("after", FORMAT_HELP)
    .action(async (file, { format, rejects, dryRun, batchSize, concurrency, json }) => {
      if (batchSize < 1) throw new CliError("--batch-size must be at least 1", ExitCode.usage);
      if (concurrency !== undefined && concurrency < 1) throw new CliError("--concurrency must be at least 1", ExitCode.usage);
      const fileFormat = catalogFormatOf(file, format);
      const rejectsPath = rejects ?? defaultRejectsPath(file);
      if (resolve(rejectsPath) === resolve(file)) throw new CliError("--rejects must not be the file being imported", ExitCode.usage);
      const summary = await withContainer(io, async (container) => {
        const deps = container.get(Tokens.AppDeps);
        const importer = dryRun
          ? new ImportProducts({ ...deps, uow: new RollbackUnitOfWork(deps.uow), cache: new InMemoryCache() })
          : container.useCase("ImportProducts");
        return importCatalog({
          path: file,
          format: fileFormat,
          rejectsPath,
          importer,
          currency: deps.settings.currency,
          batchRows: batchSize,
          concurrency:
            concurrency ?? (container.config.database.dialect === "postgres" ? Math.min(4, container.config.database.poolSize) : 1),
          command: adminCommand(io),
          warn: (message) => io.stderr(`warning: ${message}\n`),
          progress: (total) => startProgress(io, { label: dryRun ? "checking" : "importing", unit: "rows", total }),
        });
      });
      if (json) printJson(io, { file, dryRun: dryRun === true, ...summary });
      else io.stdout(describe(file, summary, dryRun === true));
      if (summary.rejected > 0) throw new CliExit(ExitCode.rowsRejected);
    });
}

function defaultRejectsPath(file: string): string {
  return join(dirname(file), `${basename(file, extname(file))}.rejects.csv`);
}

function describe(file: string, summary: ImportSummary, dryRun: boolean): string {
  const { rows, created, updated, unchanged, rejected, categoriesCreated, rejectsPath } = summary;
  const counts = dryRun
    ? `${created} to create, ${updated} to update, ${unchanged} unchanged, ${rejected} rejected`
    : `${created} created, ${updated} updated, ${unchanged} unchanged, ${rejected} rejected`;
  const categories = categoriesCreated === 0 ? "" : `; ${categoriesCreated} new categor${categoriesCreated === 1 ? "y" : "ies"}`;
  const head = dryRun ? `Dry run of ${file}, nothing was written` : `Imported ${file}`;
  const rejectedNote = rejectsPath === null ? "" : `Rejected rows, with the reason for each, are in ${rejectsPath}\n`;
  // The import only writes the outbox: delivering it from here would index every product once per event.
  const eventsNote =
    dryRun || created + updated === 0
      ? ""
      : "Search and notifications follow as the outbox is delivered (by a running server, or the worker); `emporium reindex` rebuilds search now.\n";
  return `${head}: ${rows} row${rows === 1 ? "" : "s"}: ${counts}${categories}.\n${rejectedNote}${eventsNote}`;
}

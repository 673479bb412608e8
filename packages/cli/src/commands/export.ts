import { Option, type Command } from "@commander-js/extra-typings";
import { Tokens } from "@emporium/adapters";
import { CATALOG_FORMATS, type CatalogFormat } from "../catalog/catalog-file.js";
import { exportCatalog } from "../catalog/export-catalog.js";
import type { CliIo } from "../cli-io.js";
import { csvLine } from "../output/csv-line.js";
import { startProgress } from "../output/progress.js";
import { fileSink, stdoutSink, type TextSink } from "../output/text-sink.js";
import { allOrders } from "../orders/all-orders.js";
import { ORDER_COLUMNS, orderRows } from "../orders/order-rows.js";
import { ORDER_STATUSES } from "../orders/order-statuses.js";
import { orderView } from "../orders/order-view.js";
import { withContainer } from "../with-container.js";

const formatOption = () => new Option("--format <format>", "csv or jsonl").choices(CATALOG_FORMATS).default("csv" as CatalogFormat);

/** `emporium export products|orders`: the catalogue in the import format, orders for spreadsheets. */
export function registerExport(program: Command, io: CliIo): void {
  const group = program.command("export").description("write the catalogue or the orders to a file or stdout");

  group
    .command("products")
    .description("every product of every status, one row per variant, in the format `import products` reads")
    .addOption(formatOption())
    .option("--out <file>", "write to this file instead of stdout")
    .addHelpText(
      "after",
      `
Importing the export changes nothing, so export → import is the identity (see \`emporium import products --help\`).

Examples:
  $ emporium export products --out catalogue.csv
  $ emporium export products --format jsonl | gzip > catalogue.jsonl.gz`,
    )
    .action(async ({ format, out }) => {
      await withContainer(io, async (container) => {
        const currency = container.get(Tokens.Settings).currency;
        const progress = out === undefined ? null : startProgress(io, { label: "exporting", unit: "rows", total: null });
        const rows = await writeTo(io, out, (sink) =>
          exportCatalog(container.useCase("ExportProducts"), sink, { format, currency, onRow: () => progress?.advance(1) }),
        );
        progress?.done();
        if (out !== undefined) io.stderr(`Exported ${rows} row${rows === 1 ? "" : "s"} to ${out}.\n`);
      });
    });

  group
    .command("orders")
    .description("orders, newest first: CSV with one row per order line, or JSONL with one order per line")
    .addOption(formatOption())
    .option("--out <file>", "write to this file instead of stdout")
    .addOption(new Option("--status <status>", "only orders in this status").choices(ORDER_STATUSES))
    .addHelpText(
      "after",
      `
CSV amounts are decimals in the order's currency; JSONL amounts are minor units, as in the HTTP API.
Both carry the shipping address: treat the file as personal data.

Examples:
  $ emporium export orders --out orders.csv
  $ emporium export orders --status paid --format jsonl`,
    )
    .action(async ({ format, out, status }) => {
      await withContainer(io, async (container) => {
        const list = container.useCase("ListOrders");
        const orders = await writeTo(io, out, async (sink) => {
          let count = 0;
          if (format === "csv") await sink.write(csvLine(ORDER_COLUMNS));
          for await (const order of allOrders(list, status)) {
            if (format === "csv") for (const row of orderRows(order)) await sink.write(csvLine(row));
            else await sink.write(`${JSON.stringify(orderView(order))}\n`);
            count += 1;
          }
          return count;
        });
        if (out !== undefined) io.stderr(`Exported ${orders} order${orders === 1 ? "" : "s"} to ${out}.\n`);
      });
    });
}

async function writeTo<T>(io: CliIo, out: string | undefined, write: (sink: TextSink) => Promise<T>): Promise<T> {
  const sink = out === undefined ? stdoutSink(io) : await fileSink(out);
  try {
    return await write(sink);
  } finally {
    await sink.close();
  }
}

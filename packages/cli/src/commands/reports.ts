import { Option, type Command } from "@commander-js/extra-typings";
import type { EmporiumContainer } from "@emporium/adapters";
import {
  CUSTOMER_SEGMENTS,
  SALES_INTERVALS,
  SALES_RANKINGS,
  type CustomerSegmentsReport,
  type DomainError,
  type InventoryReport,
  type Result,
} from "@emporium/domain";
import { adminCommand } from "../admin-command.js";
import { CliError } from "../cli-error.js";
import type { CliIo } from "../cli-io.js";
import { csvLine } from "../output/csv-line.js";
import { printJson } from "../output/print-json.js";
import { formatTable } from "../output/table.js";
import {
  categoriesTable,
  customersTable,
  inventoryTable,
  inventoryText,
  productsTable,
  salesTable,
  salesText,
  segmentsTable,
  type ReportTable,
} from "../reports/report-tables.js";
import { withContainer } from "../with-container.js";
import { wholeNumber } from "./parse-number.js";

const FORMATS = ["table", "csv", "json"] as const;
type Format = (typeof FORMATS)[number];

const formatOption = () => new Option("--format <format>", "how to print it").choices(FORMATS).default("table" as Format);
const fromOption = () => new Option("--from <day>", "first day, YYYY-MM-DD (UTC, inclusive)");
const toOption = () => new Option("--to <day>", "last day, YYYY-MM-DD (UTC, inclusive); default today");
const refreshOption = () => new Option("--refresh", "bring PostgreSQL's report snapshots up to date first (SQLite is always live)");

/** `emporium reports …`: the admin reports, as tables, CSV or JSON. */
export function registerReports(program: Command, io: CliIo): void {
  const reports = program.command("reports").description("sales, best sellers, categories, customer segments and stock cover");

  reports
    .command("sales")
    .description("orders, units, revenue, average order and refunds by day, ISO week or month, with revenue drawn as bars")
    .addOption(fromOption())
    .addOption(toOption())
    .addOption(new Option("--interval <interval>", "the period of each row").choices(SALES_INTERVALS).default("day" as const))
    .addOption(refreshOption())
    .addOption(formatOption())
    .addHelpText(
      "after",
      "\nExamples:\n  $ emporium reports sales --interval week --from 2025-01-06\n  $ emporium reports sales --interval month --format csv > sales.csv",
    )
    .action(async ({ from, to, interval, refresh, format }) => {
      const report = await run(io, (c) =>
        c.useCase("GetSalesReport").execute({ actor: actor(io), from, to, interval, refresh: refresh === true }),
      );
      print(io, format, report, salesTable(report), (table) => salesText(report, table));
    });

  for (const [name, description] of [
    ["products", "the best-selling products between two days (default: the last 30)"],
    ["categories", "sales by primary category between two days (default: the last 30)"],
  ] as const) {
    reports
      .command(name)
      .description(description)
      .addOption(fromOption())
      .addOption(toOption())
      .addOption(new Option("--sort <measure>", "rank by").choices(SALES_RANKINGS).default("revenue" as const))
      .option("--limit <n>", "at most this many rows (up to 100)", wholeNumber, 20)
      .addOption(refreshOption())
      .addOption(formatOption())
      .addHelpText(
        "after",
        `\nExamples:\n  $ emporium reports ${name} --from 2025-03-01 --to 2025-03-31\n  $ emporium reports ${name} --sort units --limit 5 --format csv`,
      )
      .action(async ({ from, to, sort, limit, refresh, format }) => {
        const input = { actor: actor(io), from, to, sort, limit, refresh: refresh === true };
        if (name === "products") {
          const report = await run(io, (c) => c.useCase("GetProductReport").execute(input));
          print(
            io,
            format,
            report,
            productsTable(report),
            (table) => `Best sellers ${report.from} to ${report.to} by ${report.sort}\n\n${table}`,
          );
        } else {
          const report = await run(io, (c) => c.useCase("GetCategoryReport").execute(input));
          print(io, format, report, categoriesTable(report), (table) => `Sales by category ${report.from} to ${report.to}\n\n${table}`);
        }
      });
  }

  reports
    .command("customers")
    .description("lifetime values and RFM segments (champions, loyal, new, at risk, hibernating…), highest value first")
    .addOption(new Option("--segment <segment>", "only the customers of one segment").choices(CUSTOMER_SEGMENTS))
    .option("--limit <n>", "at most this many customers", wholeNumber, 20)
    .addOption(formatOption())
    .addHelpText(
      "after",
      "\nExamples:\n  $ emporium reports customers --segment at_risk --limit 100\n  $ emporium reports customers --format csv --limit 100000 > customers.csv",
    )
    .action(async ({ segment, limit, format }) => {
      const { report, rows } = await withContainer(io, async (container) => {
        const use = container.useCase("GetCustomerSegmentsReport");
        return collect<CustomerSegmentsReport, CustomerSegmentsReport["items"][number]>(limit, (cursor) =>
          use.execute({ actor: actor(io), segment, limit: Math.min(limit, 100), cursor }),
        );
      });
      const segments = segmentsTable(report);
      print(io, format, { ...report, items: rows, nextCursor: undefined }, customersTable(report, rows), (text) =>
        [
          `Customers as of ${report.asOf}: ${report.customers} with paid orders\n\n`,
          formatTable(
            segments.header,
            segments.rows.filter((row) => row[1] !== "0"),
          ),
          `\n${rows.length === 0 ? "No customers to show.\n" : text}`,
        ].join(""),
      );
    });

  reports
    .command("inventory")
    .description("stock with days of cover and predicted stock-out dates from the last 30 days' sales, soonest first")
    .option("--low-stock", "only SKUs at or below their low-stock threshold")
    .option("--limit <n>", "at most this many SKUs", wholeNumber, 50)
    .addOption(formatOption())
    .addHelpText(
      "after",
      "\nExamples:\n  $ emporium reports inventory --low-stock\n  $ emporium reports inventory --format json --limit 1000",
    )
    .action(async ({ lowStock, limit, format }) => {
      const { report, rows } = await withContainer(io, async (container) => {
        const use = container.useCase("GetInventoryReport");
        return collect<InventoryReport, InventoryReport["items"][number]>(limit, (cursor) =>
          use.execute({ actor: actor(io), lowStock: lowStock === true, limit: Math.min(limit, 100), cursor }),
        );
      });
      const table = inventoryTable(rows);
      print(io, format, { ...report, items: rows, nextCursor: undefined }, table, (text) => inventoryText(report, rows, text));
    });
}

const actor = (io: CliIo) => adminCommand(io).actor;

async function run<T>(io: CliIo, report: (container: EmporiumContainer) => Promise<Result<T, DomainError>>): Promise<T> {
  const result = await withContainer(io, report);
  if (!result.ok) throw CliError.from(result.error);
  return result.value;
}

/** Pages of a report until `limit` rows or the last page: the first page's report, and the rows. */
async function collect<R extends { items: readonly I[]; nextCursor: string | null }, I>(
  limit: number,
  page: (cursor: string | null) => Promise<Result<R, DomainError>>,
): Promise<{ report: R; rows: I[] }> {
  let first: R | undefined;
  const rows: I[] = [];
  let cursor: string | null = null;
  do {
    const result = await page(cursor);
    if (!result.ok) throw CliError.from(result.error);
    first ??= result.value;
    rows.push(...result.value.items);
    cursor = result.value.nextCursor;
  } while (cursor !== null && rows.length < limit);
  return { report: first, rows: rows.slice(0, limit) };
}

function print(io: CliIo, format: Format, report: unknown, table: ReportTable, text: (table: string) => string): void {
  if (format === "json") printJson(io, report);
  else if (format === "csv") io.stdout([table.header, ...table.rows].map((row) => csvLine(row.map(String))).join(""));
  else io.stdout(text(formatTable(table.header, table.rows)));
}

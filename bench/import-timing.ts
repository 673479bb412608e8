import { generateDemoCatalog } from "@emporium/adapters";
import type { ProductRow } from "@emporium/domain";
import { writeCatalogCsv } from "./catalog-csv.js";
import { emporium, emporiumOk } from "./emporium-cli.js";

export interface ImportTiming {
  readonly rows: number;
  /** Wall time of `emporium import products FILE`, seconds; null when it did not run. */
  readonly seconds: number | null;
  readonly exitCode: number | null;
  /** The command's JSON summary (created, updated, rejected …). */
  readonly summary: Readonly<Record<string, unknown>> | null;
  /** Why it did not run or failed, else null. */
  readonly problem: string | null;
}

/** The first `rows` rows of the demo catalogue (whole products but perhaps the last) as a CSV file. */
export async function writeDemoCsv(path: string, rows: number): Promise<void> {
  const taken: ProductRow[] = [];
  for (const row of generateDemoCatalog({ products: rows })) {
    if (taken.length === rows) break;
    taken.push(row);
  }
  await writeCatalogCsv(path, taken);
}

/** Times `emporium import products FILE` into an empty, migrated database. */
export async function timeImport(csvPath: string, rows: number, env: NodeJS.ProcessEnv): Promise<ImportTiming> {
  const help = await emporium(["import", "products", "--help"], env, { timeoutMs: 60_000 });
  if (help.code !== 0)
    return { rows, seconds: null, exitCode: help.code, summary: null, problem: "the CLI has no `import products` command yet" };
  await emporiumOk(["migrate"], env, { timeoutMs: 5 * 60_000 });
  const run = await emporium(["import", "products", csvPath, "--json"], env, { timeoutMs: 15 * 60_000 });
  const summary = parseSummary(run.stdout);
  const problem =
    run.code === 0
      ? null
      : `exited with ${run.code ?? "a timeout"}: ${`${run.stdout}\n${run.stderr}`.trim().split("\n").slice(-3).join(" | ")}`;
  return { rows, seconds: run.seconds, exitCode: run.code, summary, problem };
}

function parseSummary(stdout: string): Record<string, unknown> | null {
  try {
    return JSON.parse(stdout) as Record<string, unknown>;
  } catch {
    return null;
  }
}

// Times `emporium import products` on a generated 100,000-row CSV, into SQLite and (when it
// answers) PostgreSQL, each in a child process of its own so peak RSS is the import's alone.
//   npx tsx --conditions=@emporium/source packages/cli/scripts/import-bench.ts [--rows N]
// Not a test: it prints figures for the README and the lead's notes.
import { spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { once } from "node:events";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateDemoCatalog } from "@emporium/adapters";
import { DEFAULT_SETTINGS, type ProductRow } from "@emporium/domain";
import pg from "pg";
import { exportHeader } from "../src/catalog/catalog-columns.js";
import { toCatalogRecord } from "../src/catalog/catalog-record.js";
import { csvLine } from "../src/output/csv-line.js";
import { runCli } from "../src/run-cli.js";
import { captureIo } from "../src/test-support/capture-io.js";

const PG_URL = process.env["TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";
const PRODUCTION_ENV = {
  JWT_SECRET: "import-bench-secret-that-is-long-enough-0123",
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

interface Measurement {
  readonly seconds: number;
  /** CPU time of the importing process (user + system): less sensitive to a busy machine than the wall clock. */
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  readonly summary: Record<string, unknown>;
}

const args = process.argv.slice(2);
if (args[0] === "--child") await child(args[1]!, args[2]!);
else await main(Number(args[args.indexOf("--rows") + 1] ?? 0) || 100_000);

async function main(rows: number): Promise<void> {
  console.log(
    `load average ${loadavg()
      .map((load) => load.toFixed(1))
      .join(" ")} on ${cpus().length} cores`,
  );
  const dir = mkdtempSync(join(tmpdir(), "emporium-import-bench-"));
  try {
    const file = join(dir, "catalogue.csv");
    const products = await writeCatalogue(file, rows);
    console.log(`generated ${rows} rows (${products} products) in ${file}`);
    const targets: { name: string; env: NodeJS.ProcessEnv; cleanUp: () => Promise<void> }[] = [
      { name: "sqlite", env: { DATABASE_URL: `sqlite:${join(dir, "shop.db")}` }, cleanUp: async () => undefined },
    ];
    const schema = await postgresSchema();
    if (schema === null) console.log("PostgreSQL is not reachable: measuring SQLite only");
    else {
      const url = new URL(PG_URL);
      url.searchParams.set("options", `-c search_path=${schema}`);
      targets.push({
        name: "postgres",
        env: { DATABASE_URL: url.toString(), ...PRODUCTION_ENV },
        cleanUp: () => admin(`drop schema "${schema}" cascade`),
      });
    }
    for (const target of targets) {
      try {
        for (const run of ["first import", "same file again"]) {
          const measured = await measure(file, target.env);
          const { created, updated, unchanged, rejected } = measured.summary;
          console.log(
            `${target.name.padEnd(8)} ${run.padEnd(16)} ${measured.seconds.toFixed(1).padStart(6)} s wall  ${measured.cpuSeconds.toFixed(1).padStart(6)} s CPU  ` +
              `peak RSS ${measured.peakRssMb} MB  created ${created}, updated ${updated}, unchanged ${unchanged}, rejected ${rejected}`,
          );
        }
      } finally {
        await target.cleanUp();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function writeCatalogue(file: string, rows: number): Promise<number> {
  // The demo catalogue averages about 2.5 variants a product; generate enough and stop at `rows`.
  const catalogue = () => take(generateDemoCatalog({ products: Math.ceil(rows / 2) }), rows);
  const options = new Set<string>();
  const attributes = new Set<string>();
  const slugs = new Set<string>();
  for (const row of catalogue()) {
    for (const name of Object.keys(row.options)) options.add(name);
    for (const name of Object.keys(row.attributes)) attributes.add(name);
    slugs.add(row.product);
  }
  const header = exportHeader(options, attributes);
  const out = createWriteStream(file);
  out.write(csvLine(header));
  for (const row of catalogue()) {
    const record = toCatalogRecord(row, DEFAULT_SETTINGS.currency);
    if (!out.write(csvLine(header.map((column) => record[column] ?? "")))) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return slugs.size;
}

function* take(rows: Iterable<ProductRow>, count: number): Generator<ProductRow> {
  let taken = 0;
  for (const row of rows) {
    if (taken++ >= count) return;
    yield row;
  }
}

function measure(file: string, env: NodeJS.ProcessEnv): Promise<Measurement> {
  return new Promise((done, fail) => {
    const script = fileURLToPath(import.meta.url);
    const childProcess = spawn(process.execPath, [...process.execArgv, script, "--child", file, JSON.stringify(env)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    childProcess.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    childProcess.on("error", fail);
    childProcess.on("close", (code) => {
      const last = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !last.startsWith("{")) fail(new Error(`the import child exited ${code}: ${out}`));
      else done(JSON.parse(last) as Measurement);
    });
  });
}

async function child(file: string, env: string): Promise<void> {
  const captured = captureIo({ LOG_LEVEL: "silent", ...(JSON.parse(env) as NodeJS.ProcessEnv) });
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const code = await runCli(["import", "products", file, "--json"], captured.io);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  if (code !== 0) {
    process.stderr.write(captured.stderr());
    process.exit(code);
  }
  const measurement: Measurement = {
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    summary: JSON.parse(captured.stdout()) as Record<string, unknown>,
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

async function postgresSchema(): Promise<string | null> {
  const schema = `import_bench_${Date.now().toString(36)}`;
  try {
    await admin(`create schema "${schema}"`);
    return schema;
  } catch {
    return null;
  }
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export {};

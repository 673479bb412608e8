import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { BENCH_DIR, REPO_ROOT, type BenchOptions } from "./bench-options.js";
import { ENDPOINTS, type ProfileResult } from "./bench-result.js";
import { startChild, type RunningChild } from "./child-process.js";
import { demoFacts, evenlySpaced } from "./demo-facts.js";
import { emporiumOk } from "./emporium-cli.js";
import { freePort } from "./free-port.js";
import { timeImport, type ImportTiming } from "./import-timing.js";
import { measure, type LoadRow, type LoadSettings, type Scenario } from "./load-test.js";
import type { ProcessMemory } from "./proc-memory.js";
import { WORKER_MAIN, type ProfileSetup } from "./profiles.js";
import { cartScenario, checkoutScenario, fixedGet, rotatingGet } from "./scenarios.js";
import { SEARCH_QUERIES } from "./search-queries.js";
import { mapLimit, ShopClient } from "./shop-client.js";
import { auditOversell, stockSnapshot, type OversellAudit, type StockSnapshot } from "./stock-audit.js";
import { evaluateTargets } from "./targets.js";

export interface ProfileContext {
  readonly options: BenchOptions;
  /** Lower-case letters and digits: part of database names, emails and idempotency keys. */
  readonly runId: string;
  /** A scratch folder for logs and databases, removed afterwards. */
  readonly workDir: string;
  /** The CSV of the timed import, or null to skip it. */
  readonly importCsv: string | null;
  readonly log: (line: string) => void;
}

const HTTP_MAIN = join(REPO_ROOT, "packages/http/dist/server.bundle.mjs");
const FIRST_PAGE = "/v1/products?limit=20";
const DEEP_PAGE = 200;
const HOT_PRODUCTS = 2_000;
const STOCK_PER_SKU = 1_000_000;
const ADMIN_EMAIL = "bench-admin@bench.example";
const PASSWORD = "bench-password-0123";
const productPath = (slug: string) => `/v1/products/${encodeURIComponent(slug)}`;

/**
 * One profile end to end: seed, start the shop (and worker), measure every endpoint beside
 * the bare Hono baseline, audit the checkout loop's stock, time the import. A failure part-way
 * keeps what was measured and names the failure; every child process is stopped either way.
 */
export async function benchProfile(
  setup: ProfileSetup,
  { options, runId, workDir, importCsv, log }: ProfileContext,
): Promise<ProfileResult> {
  const say = (line: string) => log(`[${setup.profile}] ${line}`);
  const settings: LoadSettings = {
    connections: options.connections,
    warmupSeconds: options.warmupSeconds,
    durationSeconds: options.durationSeconds,
  };
  const rows: LoadRow[] = [];
  const memory: Record<string, { idle: ProcessMemory | null; end: ProcessMemory | null }> = {};
  const children: RunningChild[] = [];
  let seedSeconds: number | null = null;
  let pageBytes: number | null = null;
  let deepPage: number | null = null;
  let coldStartMs: number | null = null;
  let oversell: OversellAudit | null = null;
  let imported: ImportTiming | null = null;
  let failure: string | null = null;

  const logFile = (name: string) => join(workDir, `${setup.profile}-${name}.log`);
  const start = async (name: string, args: string[], env: NodeJS.ProcessEnv, readyUrl: string | null): Promise<RunningChild> => {
    const child = await startChild({ name, args, env, cwd: REPO_ROOT, logFile: logFile(name.replace(/\W+/g, "-")), readyUrl });
    children.push(child);
    if (readyUrl === null) {
      await sleep(1_500);
      if (child.exited()) throw new Error(`${name} exited right after starting:\n${child.logTail()}`);
    } else await sleep(1_000);
    memory[name] = { idle: child.memory(), end: null };
    return child;
  };
  const stop = async (child: RunningChild) => {
    const entry = memory[child.name];
    if (entry !== undefined) entry.end = child.memory();
    if (child.exited()) throw new Error(`${child.name} died during the run:\n${child.logTail()}`);
    await child.stop();
    children.splice(children.indexOf(child), 1);
  };
  const startShop = async (name: string, extraEnv: NodeJS.ProcessEnv) => {
    const port = await freePort();
    const profiling = options.cpuProfileDir === null ? [] : ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`];
    const url = `http://127.0.0.1:${port}`;
    const child = await start(name, [...profiling, HTTP_MAIN], { ...setup.env, ...extraEnv, PORT: String(port) }, `${url}/healthz`);
    return { child, url, client: new ShopClient(url) };
  };
  const bench = async (baseUrl: string, pid: number, scenario: Scenario) => {
    say(`measuring ${scenario.name} (${scenario.server})`);
    const row = await measure(baseUrl, scenario, settings, pid);
    say(`  ${row.requestsPerSecond} req/s, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms, ${row.errors} errors`);
    rows.push(row);
    return row;
  };

  try {
    // Events are delivered in process while seeding, so search is complete before the shop starts.
    const cliEnv = { ...setup.env, AMQP_URL: "" };
    say(`seeding ${options.products} demo products`);
    seedSeconds = (await emporiumOk(["seed", "--demo", "--products", String(options.products)], cliEnv)).seconds;
    await setup.afterLoad();
    await emporiumOk(["users", "create-admin", "--email", ADMIN_EMAIL, "--name", "Bench Admin", "--password-stdin"], cliEnv, {
      stdin: `${PASSWORD}\n`,
    });
    const worker = setup.services.worker ? await start("worker", [WORKER_MAIN], setup.env, null) : null;

    const shop = await startShop("server (cache on)", {});
    coldStartMs = shop.child.coldStartMs;
    pageBytes = (await shop.client.request("GET", FIRST_PAGE)).bytes;
    const basePort = await freePort();
    const baseUrl = `http://127.0.0.1:${basePort}`;
    const baseline = await start(
      "baseline",
      ["--import", "tsx", join(BENCH_DIR, "baseline-server.ts")],
      { ...process.env, NODE_OPTIONS: "", PORT: String(basePort), BODY_BYTES: String(pageBytes) },
      `${baseUrl}/`,
    );
    await bench(baseUrl, baseline.pid, fixedGet(`${ENDPOINTS.baseline} (before)`, "baseline", "/"));

    // One customer per connection in each of the cart and checkout scenarios (50 and 50 by default).
    const customers = options.connections;
    say(`preparing: deep cursor, stock for the carts, ${2 * customers} customers`);
    const facts = demoFacts(options.products);
    const category = await shop.client.rootCategorySlug();
    const deep = await shop.client.pagePath(FIRST_PAGE, DEEP_PAGE);
    deepPage = deep.page;
    const adminToken = await shop.client.login(ADMIN_EMAIL, PASSWORD);
    const skus = evenlySpaced(facts.firstSkus, 30);
    const cartSkus = skus.slice(0, 10);
    const checkoutSkus = skus.slice(10);
    await mapLimit(skus, 4, (sku) => shop.client.adjustStock(adminToken, sku, STOCK_PER_SKU));
    const tokens = await mapLimit(
      Array.from({ length: 2 * customers }, (_, i) => i),
      4,
      (i) => shop.client.register(`bench-${runId}-${i}@bench.example`, PASSWORD, `Bench Shopper ${i}`),
    );
    const hot = evenlySpaced(facts.slugs, HOT_PRODUCTS).map(productPath);
    await mapLimit(hot, 8, (path) => shop.client.request("GET", path));

    const server = "cache on";
    await bench(shop.url, shop.child.pid, fixedGet(ENDPOINTS.firstPage, server, FIRST_PAGE));
    await bench(
      shop.url,
      shop.child.pid,
      fixedGet(ENDPOINTS.categoryPage, server, `${FIRST_PAGE}&category=${encodeURIComponent(category)}`),
    );
    await bench(shop.url, shop.child.pid, fixedGet(ENDPOINTS.deepPage, server, deep.path));
    await bench(shop.url, shop.child.pid, rotatingGet(ENDPOINTS.productCached, server, hot));
    await bench(shop.url, shop.child.pid, fixedGet(ENDPOINTS.categories, server, "/v1/categories"));
    await bench(
      shop.url,
      shop.child.pid,
      rotatingGet(
        ENDPOINTS.search,
        server,
        SEARCH_QUERIES.map((query) => `/v1/search?${query}`),
      ),
    );
    await bench(shop.url, shop.child.pid, cartScenario(ENDPOINTS.cartAdd, server, tokens.slice(0, customers), cartSkus));
    const before = await stockSnapshot(setup.databaseUrl, checkoutSkus);
    await bench(shop.url, shop.child.pid, checkoutScenario(ENDPOINTS.checkout, server, tokens.slice(customers), checkoutSkus, runId));
    oversell = auditOversell(before, await settledSnapshot(setup.databaseUrl, checkoutSkus), checkoutSkus);
    await stop(shop.child);

    const cold = await startShop("server (uncached)", { CACHE_TTL_PRODUCT_SECONDS: "0", CACHE_TTL_LIST_SECONDS: "0" });
    const coldDeep = await cold.client.pagePath(FIRST_PAGE, DEEP_PAGE);
    await bench(cold.url, cold.child.pid, rotatingGet(ENDPOINTS.productUncached, "uncached", facts.slugs.map(productPath)));
    await bench(cold.url, cold.child.pid, fixedGet(ENDPOINTS.firstPageUncached, "uncached", FIRST_PAGE));
    await bench(cold.url, cold.child.pid, fixedGet(ENDPOINTS.deepPageUncached, "uncached", coldDeep.path));
    await stop(cold.child);

    await bench(baseUrl, baseline.pid, fixedGet(`${ENDPOINTS.baseline} (after)`, "baseline", "/"));
    await stop(baseline);
    if (worker !== null) await stop(worker);

    if (importCsv !== null) {
      say(`timing the import of ${options.importRows} rows`);
      imported = await timeImport(importCsv, options.importRows, { ...cliEnv, DATABASE_URL: setup.importDatabaseUrl });
      say(imported.seconds === null ? `  import not run: ${imported.problem}` : `  ${imported.seconds} s`);
    }
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
    say(`failed: ${failure}`);
  } finally {
    for (const child of [...children].reverse()) {
      const entry = memory[child.name];
      if (entry !== undefined && entry.end === null) entry.end = child.memory();
      await child.stop(5_000);
    }
  }

  const baselineRows = rows.filter((row) => row.server === "baseline");
  const baselineRequestsPerSecond =
    baselineRows.length === 0 ? null : Math.round(baselineRows.reduce((sum, row) => sum + row.requestsPerSecond, 0) / baselineRows.length);
  const baselineCpu = rows
    .filter((row) => row.server === "baseline" && row.serverCpuMsPerRequest !== null)
    .map((row) => row.serverCpuMsPerRequest!);
  const baselineCpuMsPerRequest = baselineCpu.length === 0 ? null : baselineCpu.reduce((sum, ms) => sum + ms, 0) / baselineCpu.length;
  for (const row of rows) {
    row.ratio = baselineRequestsPerSecond ? row.requestsPerSecond / baselineRequestsPerSecond : null;
    row.cpuRatio = baselineCpuMsPerRequest && row.serverCpuMsPerRequest ? baselineCpuMsPerRequest / row.serverCpuMsPerRequest : null;
  }
  const measured = {
    profile: setup.profile,
    services: setup.services,
    notes: setup.notes,
    products: options.products,
    seedSeconds,
    pageBytes,
    deepPage,
    coldStartMs,
    memory,
    baselineRequestsPerSecond,
    baselineCpuMsPerRequest: baselineCpuMsPerRequest === null ? null : Math.round(baselineCpuMsPerRequest * 1000) / 1000,
    rows,
    oversell,
    import: imported,
    errors: rows.reduce((sum, row) => sum + row.errors, 0) + (oversell?.problems.length ?? 0),
    failure,
  };
  return { ...measured, targets: evaluateTargets(measured) };
}

// Requests cut off at the end of the run may still be finishing on the server: wait until stock stops moving.
async function settledSnapshot(databaseUrl: string, skus: readonly string[]): Promise<StockSnapshot> {
  let previous = await stockSnapshot(databaseUrl, skus);
  for (let attempt = 0; attempt < 20; attempt++) {
    await sleep(500);
    const current = await stockSnapshot(databaseUrl, skus);
    if (JSON.stringify([...current.levels], null) === JSON.stringify([...previous.levels], null)) return current;
    previous = current;
  }
  return previous;
}

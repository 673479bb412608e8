import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqlPersistence } from "@emporium/adapters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReportShop } from "../../../adapters/src/application-tests/test-support/report-shop.js";
import { ExitCode } from "../exit-codes.js";
import { runCli } from "../run-cli.js";
import { captureIo } from "../test-support/capture-io.js";

const DAY_MS = 86_400_000;
let dir: string;
let env: NodeJS.ProcessEnv;
let monday: Date;
const day = (offset: number) => new Date(monday.getTime() + offset * DAY_MS).toISOString().slice(0, 10);

// The report shop of the adapters' tests, placed five weeks back so its sales are recent.
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "emporium-cli-reports-"));
  env = { DATABASE_URL: `sqlite:${join(dir, "shop.db")}`, LOG_LEVEL: "silent" };
  const now = new Date();
  const thisMonday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - ((now.getUTCDay() + 6) % 7) * DAY_MS;
  monday = new Date(thisMonday - 35 * DAY_MS);
  const persistence = await createSqlPersistence({ url: env.DATABASE_URL! });
  try {
    const shop = await seedReportShop(persistence, monday);
    await shop.drain();
  } finally {
    await persistence.close();
  }
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = async (...argv: string[]) => {
  const captured = captureIo(env);
  const code = await runCli(argv, captured.io);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
};

describe("emporium reports sales", () => {
  it("prints revenue over time as bars, the table and the totals", async () => {
    const { code, stdout } = await run("reports", "sales", "--interval", "week", "--from", day(-2), "--to", day(28));
    expect(code).toBe(ExitCode.ok);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe(`Sales ${day(-2)} to ${day(28)} by week (USD)`);
    const bars = lines.filter((line) => line.includes("│"));
    expect(bars).toHaveLength(6);
    // The best week (75.00) has the full 40 cells; 35.00 has 35/75 of them; empty weeks none.
    expect(bars[1]).toMatch(/│█{40} 75\.00$/);
    expect(bars[5]).toMatch(/│█{18}[▏▎▍▌▋▊▉]? +35\.00$/);
    expect(bars[0]).toMatch(/│ +0\.00$/);
    expect(stdout).toContain("PERIOD");
    expect(stdout).toContain("Total: 4 orders, 9 units, revenue 135.00, average order 33.75, 2 refunds (50.00), net 85.00");
  });

  it("prints CSV and JSON", async () => {
    const csv = await run("reports", "sales", "--interval", "month", "--from", day(0), "--to", day(0), "--format", "csv");
    expect(csv.stdout).toBe(
      "PERIOD,START,END,ORDERS,UNITS,REVENUE,AVG ORDER,REFUNDS,REFUNDED,NET\n" +
        `${day(0).slice(0, 7)},${day(0)},${day(0)},1,3,50.00,50.00,0,0.00,50.00\n`,
    );
    const json = await run("reports", "sales", "--from", day(0), "--to", day(1), "--format", "json");
    const report = JSON.parse(json.stdout);
    expect(report.periods.map((p: { orders: number; revenue: number }) => [p.orders, p.revenue])).toEqual([
      [1, 5000],
      [1, 2500],
    ]);
  });

  it("exits 4 for a bad date and 2 for an unknown interval", async () => {
    const bad = await run("reports", "sales", "--from", "2025-02-30");
    expect(bad.code, bad.stderr).toBe(ExitCode.invalid);
    expect(bad.stderr).toContain("from: must be a date written YYYY-MM-DD");
    expect((await run("reports", "sales", "--interval", "year")).code).toBe(ExitCode.usage);
  });
});

describe("emporium reports products, categories, customers, inventory", () => {
  it("ranks products and categories", async () => {
    const products = await run("reports", "products", "--from", day(-2), "--to", day(28), "--format", "csv");
    expect(products.stdout.split("\n").slice(0, 4)).toEqual([
      "RANK,PRODUCT,NAME,STATUS,ORDERS,UNITS,REVENUE,SHARE",
      "1,classic-tee,Classic Tee,active,2,3,60.00,75.00%",
      "2,poster,Poster,active,1,2,10.00,12.50%",
      "3,enamel-mug,Enamel Mug,active,1,1,10.00,12.50%",
    ]);
    const categories = await run("reports", "categories", "--from", day(-2), "--to", day(28));
    expect(categories.stdout).toMatch(/1\s+apparel\s+Apparel\s+1\s+3\s+60\.00\s+75\.00%/);
    expect(categories.stdout).toContain("(no category)");
  });

  it("lists customers with their segments", async () => {
    const { code, stdout } = await run("reports", "customers", "--limit", "2");
    expect(code).toBe(ExitCode.ok);
    expect(stdout).toContain("3 with paid orders");
    expect(stdout).toMatch(/alice@example\.com\s+2\s+1\s+50\.00/);
    expect(stdout).toMatch(/erin@example\.com\s+1\s+0\s+35\.00/);
    expect(stdout).not.toContain("bob@example.com");
  });

  it("shows stock cover, low stock alone on request", async () => {
    const all = await run("reports", "inventory");
    expect(all.code, all.stderr).toBe(ExitCode.ok);
    expect(all.stdout).toMatch(/^Inventory as of \d{4}-\d{2}-\d{2}: 3 SKUs, 1 low, 0 out of stock/);
    const low = await run("reports", "inventory", "--low-stock", "--format", "json");
    const report = JSON.parse(low.stdout);
    expect(report.items.map((s: { sku: string; available: number }) => [s.sku, s.available])).toEqual([["POSTER", 1]]);
  });
});

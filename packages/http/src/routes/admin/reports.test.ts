import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test-support/test-app.js";
import { placeOrder } from "./test-support/admin-fixtures.js";

let t: TestApp;
let token: string;
// The day the orders were placed (not the day the file loaded: a run may straddle midnight UTC).
let today: string;
const orders: { id: string; total: number; customerId: string }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  token = await t.adminToken();
  for (const lines of [
    [
      { sku: "TEE-BLUE-M", quantity: 2 },
      { sku: "LAMP-BRASS", quantity: 1 },
    ],
    [{ sku: "LAMP-BRASS", quantity: 1 }],
    [{ sku: "SPEAKER-BT", quantity: 1 }],
  ]) {
    const { order, customer } = await placeOrder(t, lines);
    orders.push({ id: order.id, total: order.totals.total, customerId: customer.customer.id });
  }
  const { order: unpaid } = await placeOrder(t, [{ sku: "EARBUDS-TRAVEL", quantity: 1 }], { pay: false });
  today = unpaid.createdAt.toISOString().slice(0, 10);
  await t.drain();
});
afterAll(() => t.close());

const report = (path: string, query = "") => t.json("GET", `/v1/admin/reports/${path}${query === "" ? "" : `?${query}`}`, { token });

describe("GET /v1/admin/reports/sales", () => {
  it("lists today's paid orders as money, and every day of the default 30", async () => {
    const res = await report("sales", `to=${today}`);
    expect(res.status).toBe(200);
    expect(res.body.periods).toHaveLength(30);
    const last = res.body.periods.at(-1);
    const total = orders.reduce((sum, o) => sum + o.total, 0);
    expect(last).toMatchObject({ period: today, orders: 3, units: 5, revenue: { amount: total, currency: "USD" }, refunds: 0 });
    expect(res.body.totals.averageOrderValue.amount).toBe(Math.round(total / 3));
    expect(res.body.freshness).toEqual({ source: "live", refreshedAt: null });
  });

  it("groups by ISO week and month", async () => {
    const week = await report("sales", `interval=week&from=${today}&to=${today}&refresh=true`);
    expect(week.status).toBe(200);
    expect(week.body.periods).toHaveLength(1);
    expect(week.body.periods[0].period).toMatch(/^\d{4}-W\d{2}$/);
    expect(week.body.periods[0]).toMatchObject({ start: today, end: today, orders: 3 });
    const month = await report("sales", `interval=month&to=${today}`);
    expect(month.body.periods.at(-1)).toMatchObject({ period: today.slice(0, 7), orders: 3 });
  });

  it("refunds show on the day they are made", async () => {
    const refunded = orders[2]!;
    const cancel = await t.json("POST", `/v1/admin/orders/${refunded.id}/cancel`, { token });
    expect(cancel.body.status).toBe("refunded");
    await t.drain();
    const res = await report("sales", `from=${today}&to=${today}`);
    expect(res.body.totals).toMatchObject({ orders: 3, refunds: 1, refundedAmount: { amount: refunded.total } });
    expect(res.body.totals.netRevenue.amount).toBe(res.body.totals.revenue.amount - refunded.total);
  });

  it.each([
    ["from=2025-02-30", "from"],
    ["to=20250301", "to"],
    ["from=2025-03-02&to=2025-03-01", "from"],
    ["interval=year", "interval"],
    ["from=2000-01-01&to=2009-12-31", "interval"],
    ["refresh=yes", "refresh"],
  ])("422 for %s", async (query, path) => {
    const res = await report("sales", query);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("request.invalid");
    expect(res.body.errors.map((e: { path: string }) => e.path.replace(/^query\./, ""))).toContain(path);
  });
});

describe("GET /v1/admin/reports/products and /categories", () => {
  it("ranks the products sold, refunded orders left out", async () => {
    const res = await report("products");
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: { slug: string; units: number }) => [p.slug, p.units])).toEqual([
      ["reading-lamp", 2],
      ["classic-tee", 2],
    ]);
    expect(res.body.items[0].revenue).toEqual({ amount: 7800, currency: "USD" });
    const byUnits = await report("products", "sort=units&limit=1");
    expect(byUnits.body.items).toHaveLength(1);
    expect(byUnits.body.totals.products).toBe(2);
  });

  it("groups them by primary category", async () => {
    const res = await report("categories");
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { category: { path: string } | null; revenueShare: number }) => c.category?.path)).toEqual([
      "home/lighting",
      "apparel/tops/t-shirts",
    ]);
    expect(res.body.items.reduce((sum: number, c: { revenueShare: number }) => sum + c.revenueShare, 0)).toBe(10_000);
  });

  it("422 for a bad sort or limit", async () => {
    expect((await report("products", "sort=price")).status).toBe(422);
    expect((await report("categories", "limit=0")).status).toBe(422);
  });
});

describe("GET /v1/admin/reports/customers", () => {
  it("scores every paying customer and pages them by lifetime value", async () => {
    const res = await report("customers", "limit=2");
    expect(res.status).toBe(200);
    expect(res.body.customers).toBe(3);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.nextCursor).toBe("2");
    const first = res.body.items[0];
    expect(first.customerId).toBe(orders[0]!.customerId);
    // All three bought today: tied on recency, they share the mid-rank score ceil(5 × (0 + (3 + 1) / 2) / 3) = 4.
    expect(first).toMatchObject({ orders: 1, lifetimeValue: { amount: orders[0]!.total, currency: "USD" }, recencyDays: 0, recency: 4 });
    expect(first.email).toMatch(/@example\.com$/);
    const rest = await report("customers", `limit=2&cursor=${res.body.nextCursor}`);
    expect(rest.body.items).toHaveLength(1);
    // The refunded customer keeps the order but no value.
    expect(rest.body.items[0]).toMatchObject({ customerId: orders[2]!.customerId, refunds: 1, lifetimeValue: { amount: 0 } });
    expect(rest.body.nextCursor).toBeNull();
    expect(res.body.segments.reduce((sum: number, s: { customers: number }) => sum + s.customers, 0)).toBe(3);
  });

  it("filters by segment; 400 for a cursor it did not issue, 422 for an unknown segment", async () => {
    const all = await report("customers");
    const segment = all.body.items[0].segment;
    const filtered = await report("customers", `segment=${segment}`);
    expect(filtered.body.items.every((c: { segment: string }) => c.segment === segment)).toBe(true);
    expect((await report("customers", "cursor=abc")).status).toBe(400);
    expect((await report("customers", "segment=whales")).status).toBe(422);
  });
});

describe("GET /v1/admin/reports/inventory", () => {
  it("projects stock-outs from the recent sales, soonest first", async () => {
    const res = await report("inventory", "limit=100");
    expect(res.status).toBe(200);
    const lamp = res.body.items.find((s: { sku: string }) => s.sku === "LAMP-BRASS");
    // 25 on hand, 2 sold today: 23 last 23 × 30 / 2 = 345 days.
    expect(lamp).toMatchObject({ onHand: 23, available: 23, unitsSold: 2, daysOfCover: 345, lowStock: false });
    const covers = res.body.items.map((s: { daysOfCover: number | null }) => s.daysOfCover ?? Infinity);
    expect(covers).toEqual([...covers].sort((a, b) => a - b));
    expect(res.body.items.some((s: { sku: string }) => s.sku === "JACKET-DRAFT")).toBe(true);
    expect(res.body.items.some((s: { sku: string }) => s.sku.startsWith("MUG"))).toBe(false);
  });

  it("lists only low stock on request", async () => {
    const res = await report("inventory", "lowStock=true");
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((s: { available: number; lowStockThreshold: number }) => s.available <= s.lowStockThreshold)).toBe(true);
    expect(res.body.items.map((s: { sku: string }) => s.sku)).toContain("TEE-RED-M");
    expect(res.body.totals.lowStock).toBe(res.body.items.length);
  });
});

describe("report access", () => {
  it("401 without a token and 403 for a customer", async () => {
    const customer = await t.registerCustomer();
    for (const path of ["sales", "products", "categories", "customers", "inventory"]) {
      expect((await t.json("GET", `/v1/admin/reports/${path}`)).status).toBe(401);
      expect((await t.json("GET", `/v1/admin/reports/${path}`, { token: customer.accessToken })).status).toBe(403);
    }
  });
});

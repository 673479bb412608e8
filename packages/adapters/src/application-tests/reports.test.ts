import {
  GetCategoryReport,
  GetCustomerSegmentsReport,
  GetInventoryReport,
  GetProductReport,
  GetSalesReport,
  SYSTEM_ACTOR,
} from "@emporium/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlPersistence } from "../sql/create-sql-persistence.js";
import { sqlTargets } from "../sql/test-support/sql-targets.js";
import { seedReportShop, type ReportShop } from "./test-support/report-shop.js";

const MONDAY = new Date("2025-03-03T00:00:00.000Z");
const MARCH = { from: "2025-03-01", to: "2025-03-31" };
const actor = SYSTEM_ACTOR;

/** Every report over the seeded shop, as plain data (freshness aside: live on SQLite, a snapshot on PostgreSQL). */
async function allReports(shop: ReportShop) {
  const { deps } = shop;
  const strip = <T extends object>(result: { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown }) => {
    if (!result.ok) throw new Error(`report failed: ${JSON.stringify(result.error)}`);
    const { freshness: _freshness, ...rest } = result.value as T & { freshness?: unknown };
    return rest;
  };
  return {
    salesByWeek: strip(await new GetSalesReport(deps).execute({ actor, ...MARCH, interval: "week" })),
    salesByMonth: strip(await new GetSalesReport(deps).execute({ actor, from: "2025-03-01", to: "2025-04-30", interval: "month" })),
    salesByDay: strip(await new GetSalesReport(deps).execute({ actor, from: "2025-03-03", to: "2025-03-05" })),
    products: strip(await new GetProductReport(deps).execute({ actor, ...MARCH })),
    productsByUnits: strip(await new GetProductReport(deps).execute({ actor, ...MARCH, sort: "units", limit: 2 })),
    categories: strip(await new GetCategoryReport(deps).execute({ actor, ...MARCH })),
    customers: strip(await new GetCustomerSegmentsReport(deps).execute({ actor })),
    inventory: strip(await new GetInventoryReport(deps).execute({ actor })),
  };
}

type Reports = Awaited<ReturnType<typeof allReports>>;
const results = new Map<string, Reports>();
const zero = { orders: 0, units: 0, revenue: 0, averageOrderValue: 0, refunds: 0, refundedAmount: 0, netRevenue: 0 };

for (const target of sqlTargets()) {
  const reason = await target.unavailable();
  describe.skipIf(reason !== null)(`reports on ${target.dialect}${reason === null ? "" : ` (skipped: ${reason})`}`, () => {
    let persistence: SqlPersistence;
    let shop: ReportShop;
    let reports: Reports;
    beforeAll(async () => {
      persistence = await target.open();
      shop = await seedReportShop(persistence, MONDAY);
      await shop.drain();
      reports = await allReports(shop);
      results.set(target.dialect, reports);
    }, 60_000);
    afterAll(() => persistence?.close());

    it("sales by ISO week: orders on the day placed, refunds on the day made, empty weeks included", () => {
      const { periods, totals } = reports.salesByWeek;
      expect(periods.map((p) => [p.period, p.start, p.end])).toEqual([
        ["2025-W09", "2025-03-01", "2025-03-02"],
        ["2025-W10", "2025-03-03", "2025-03-09"],
        ["2025-W11", "2025-03-10", "2025-03-16"],
        ["2025-W12", "2025-03-17", "2025-03-23"],
        ["2025-W13", "2025-03-24", "2025-03-30"],
        ["2025-W14", "2025-03-31", "2025-03-31"],
      ]);
      // O1 50.00 (3 units) + O2 25.00 (2 units); O2 is refunded later but was a sale that week.
      expect(periods[1]).toMatchObject({ orders: 2, units: 5, revenue: 7500, averageOrderValue: 3750, refunds: 0, netRevenue: 7500 });
      // O3 25.00, cancelled and refunded two days later.
      expect(periods[2]).toMatchObject({ orders: 1, units: 1, revenue: 2500, refunds: 1, refundedAmount: 2500, netRevenue: 0 });
      // O2's refund, booked on 03-20.
      expect(periods[3]).toMatchObject({ orders: 0, revenue: 0, refunds: 1, refundedAmount: 2500, netRevenue: -2500 });
      expect(periods[0]).toMatchObject(zero);
      expect(periods[4]).toMatchObject(zero);
      // O5 at 23:59:59 on the 31st; O6 (04-01 00:00) and the unpaid O4 are out.
      expect(periods[5]).toMatchObject({ orders: 1, units: 3, revenue: 3500, averageOrderValue: 3500 });
      expect(totals).toEqual({
        orders: 4,
        units: 9,
        revenue: 13500,
        averageOrderValue: 3375,
        refunds: 2,
        refundedAmount: 5000,
        netRevenue: 8500,
      });
    });

    it("sales by month and by day", () => {
      expect(reports.salesByMonth.periods.map((p) => [p.period, p.orders, p.revenue, p.refunds])).toEqual([
        ["2025-03", 4, 13500, 2],
        ["2025-04", 1, 1500, 0],
      ]);
      expect(reports.salesByDay.periods.map((p) => [p.period, p.orders, p.units, p.revenue])).toEqual([
        ["2025-03-03", 1, 3, 5000],
        ["2025-03-04", 1, 2, 2500],
        ["2025-03-05", 0, 0, 0],
      ]);
    });

    it("products by revenue and by units, refunded orders left out", () => {
      // Kept orders of March: O1 (TEE ×2 40.00, MUG ×1 10.00) and O5 (TEE ×1 20.00, POSTER ×2 10.00).
      expect(reports.products.items.map((p) => [p.slug, p.orders, p.units, p.revenue, p.revenueShare])).toEqual([
        ["classic-tee", 2, 3, 6000, 7500],
        // Equal revenue: more units first.
        ["poster", 1, 2, 1000, 1250],
        ["enamel-mug", 1, 1, 1000, 1250],
      ]);
      expect(reports.products.totals).toEqual({ products: 3, units: 6, revenue: 8000 });
      expect(reports.productsByUnits.items.map((p) => p.slug)).toEqual(["classic-tee", "poster"]);
    });

    it("categories: each product under its primary category, uncategorized ones together", () => {
      expect(reports.categories.items.map((c) => [c.category?.name ?? null, c.products, c.units, c.revenue, c.revenueShare])).toEqual([
        ["Apparel", 1, 3, 6000, 7500],
        [null, 1, 2, 1000, 1250],
        ["Home", 1, 1, 1000, 1250],
      ]);
      expect(reports.categories.totals).toEqual({ categories: 3, units: 6, revenue: 8000 });
    });

    it("customers: lifetime values and RFM segments by the rule table", () => {
      const { items, segments, customers, asOf } = reports.customers;
      expect(asOf).toBe("2025-04-02");
      expect(customers).toBe(3);
      // alice: O1 50.00 + O3 25.00 refunded; bob: O2 25.00 refunded + O6 15.00; erin: O5 35.00.
      // Recency days 23 / 1 / 2 → R 2 / 5 / 4; orders 2 / 2 / 1 → F 5 / 5 / 2; value 50 / 15 / 35 → M 5 / 2 / 4.
      expect(
        items.map((c) => [
          c.name,
          c.orders,
          c.refunds,
          c.revenue,
          c.lifetimeValue,
          c.recencyDays,
          c.recency,
          c.frequency,
          c.monetary,
          c.segment,
        ]),
      ).toEqual([
        ["alice", 2, 1, 7500, 5000, 23, 2, 5, 5, "cant_lose"],
        ["erin", 1, 0, 3500, 3500, 2, 4, 2, 4, "potential_loyalist"],
        ["bob", 2, 1, 4000, 1500, 1, 5, 5, 2, "champions"],
      ]);
      expect(items[0]!.lastOrderAt.toISOString()).toBe("2025-03-10T09:00:00.000Z");
      expect(segments.filter((s) => s.customers > 0)).toEqual([
        { segment: "champions", customers: 1, lifetimeValue: 1500 },
        { segment: "potential_loyalist", customers: 1, lifetimeValue: 3500 },
        { segment: "cant_lose", customers: 1, lifetimeValue: 5000 },
      ]);
    });

    it("inventory: days of cover from the last 30 days' sales, soonest stock-out first", () => {
      // Window from 03-03 12:00: O1's sale (03-03 10:00) is out; O3's sale counts though it was restocked.
      expect(
        reports.inventory.items.map((s) => [
          s.sku,
          s.onHand,
          s.reserved,
          s.available,
          s.lowStock,
          s.unitsSold,
          s.averageDailySales,
          s.daysOfCover,
          s.stockOutDate,
        ]),
      ).toEqual([
        ["POSTER", 2, 1, 1, true, 2, 0.07, 15, "2025-04-17"],
        ["MUG", 6, 0, 6, false, 3, 0.1, 60, "2025-06-01"],
        ["TEE", 47, 0, 47, false, 2, 0.07, 705, "2027-03-08"],
      ]);
      expect(reports.inventory.totals).toEqual({ skus: 3, lowStock: 1, outOfStock: 0 });
    });

    it("serves PostgreSQL's sales from snapshots that a refresh brings up to date, SQLite's live", async () => {
      const { deps } = shop;
      const march = { actor, ...MARCH, interval: "month" as const };
      const before = await new GetSalesReport(deps).execute(march);
      expect(before.ok && before.value.freshness).toEqual(
        target.dialect === "postgres" ? { source: "snapshot", refreshedAt: expect.any(Date) } : { source: "live", refreshedAt: null },
      );
      // O4 (03-11) paid behind the consumers' back: no event, so no refresh.
      await persistence.database.db.updateTable("orders").set({ status: "paid" }).where("id", "=", shop.orders[3]!.id).execute();

      const stale = await new GetSalesReport(deps).execute(march);
      expect(stale.ok && stale.value.totals.orders).toBe(target.dialect === "postgres" ? 4 : 5);
      const refreshed = await new GetSalesReport(deps).execute({ ...march, refresh: true });
      expect(refreshed.ok && refreshed.value.totals.orders).toBe(5);
      if (target.dialect === "postgres" && before.ok && refreshed.ok) {
        expect(refreshed.value.freshness.refreshedAt!.getTime()).toBeGreaterThan(before.value.freshness.refreshedAt!.getTime());
      }
    });
  });
}

describe("SQLite and PostgreSQL", () => {
  it("give identical reports for the same orders", async () => {
    const reason = await sqlTargets()[1]!.unavailable();
    if (reason !== null) {
      console.warn(`report parity not checked: ${reason}`);
      expect(results.has("sqlite")).toBe(true);
      return;
    }
    expect(results.get("postgres")).toEqual(results.get("sqlite"));
  });
});

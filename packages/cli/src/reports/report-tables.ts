import {
  formatMajorUnits,
  type CategoryReport,
  type CustomerSegmentsReport,
  type CustomerSegmentRow,
  type InventoryReport,
  type InventoryRow,
  type ProductReport,
  type SalesReport,
} from "@emporium/domain";
import { barChart } from "../output/bar-chart.js";

/** A report as rows of text: what both the table and the CSV print. */
export interface ReportTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const money = (amount: number, currency: string) => formatMajorUnits(amount, currency);
const percent = (basisPoints: number) => `${(basisPoints / 100).toFixed(2)}%`;

export function salesTable(report: SalesReport): ReportTable {
  const { currency } = report;
  return {
    header: ["PERIOD", "START", "END", "ORDERS", "UNITS", "REVENUE", "AVG ORDER", "REFUNDS", "REFUNDED", "NET"],
    rows: report.periods.map((p) => [
      p.period,
      p.start,
      p.end,
      String(p.orders),
      String(p.units),
      money(p.revenue, currency),
      money(p.averageOrderValue, currency),
      String(p.refunds),
      money(p.refundedAmount, currency),
      money(p.netRevenue, currency),
    ]),
  };
}

/** The sales table's human form: a title, revenue over time as bars, the table and the totals. */
export function salesText(report: SalesReport, table: string): string {
  const { currency, totals } = report;
  const bars = report.periods.map((p) => ({ label: p.period, value: p.revenue, caption: money(p.revenue, currency) }));
  return [
    `Sales ${report.from} to ${report.to} by ${report.interval} (${currency})${freshnessNote(report.freshness)}\n\n`,
    `Revenue\n${barChart(bars)}\n`,
    table,
    `\nTotal: ${totals.orders} orders, ${totals.units} units, revenue ${money(totals.revenue, currency)}, ` +
      `average order ${money(totals.averageOrderValue, currency)}, ${totals.refunds} refunds (${money(totals.refundedAmount, currency)}), ` +
      `net ${money(totals.netRevenue, currency)}\n`,
  ].join("");
}

export function productsTable(report: ProductReport): ReportTable {
  return {
    header: ["RANK", "PRODUCT", "NAME", "STATUS", "ORDERS", "UNITS", "REVENUE", "SHARE"],
    rows: report.items.map((p, i) => [
      String(i + 1),
      p.slug,
      p.name,
      p.status,
      String(p.orders),
      String(p.units),
      money(p.revenue, report.currency),
      percent(p.revenueShare),
    ]),
  };
}

export function categoriesTable(report: CategoryReport): ReportTable {
  return {
    header: ["RANK", "CATEGORY", "NAME", "PRODUCTS", "UNITS", "REVENUE", "SHARE"],
    rows: report.items.map((c, i) => [
      String(i + 1),
      c.category?.path ?? "-",
      c.category?.name ?? "(no category)",
      String(c.products),
      String(c.units),
      money(c.revenue, report.currency),
      percent(c.revenueShare),
    ]),
  };
}

export function customersTable(report: CustomerSegmentsReport, rows: readonly CustomerSegmentRow[]): ReportTable {
  return {
    header: ["CUSTOMER", "EMAIL", "ORDERS", "REFUNDS", "LIFETIME VALUE", "LAST ORDER", "DAYS", "R", "F", "M", "SEGMENT"],
    rows: rows.map((c) => [
      c.customerId,
      c.email,
      String(c.orders),
      String(c.refunds),
      money(c.lifetimeValue, report.currency),
      c.lastOrderAt.toISOString().slice(0, 10),
      String(c.recencyDays),
      String(c.recency),
      String(c.frequency),
      String(c.monetary),
      c.segment,
    ]),
  };
}

export function segmentsTable(report: CustomerSegmentsReport): ReportTable {
  return {
    header: ["SEGMENT", "CUSTOMERS", "LIFETIME VALUE"],
    rows: report.segments.map((s) => [s.segment, String(s.customers), money(s.lifetimeValue, report.currency)]),
  };
}

export function inventoryTable(rows: readonly InventoryRow[]): ReportTable {
  return {
    header: ["SKU", "PRODUCT", "ON HAND", "RESERVED", "AVAILABLE", "THRESHOLD", "LOW", "SOLD 30D", "PER DAY", "COVER (DAYS)", "STOCK-OUT"],
    rows: rows.map((s) => [
      s.sku,
      s.productSlug,
      String(s.onHand),
      String(s.reserved),
      String(s.available),
      String(s.lowStockThreshold),
      s.lowStock ? "yes" : "",
      String(s.unitsSold),
      s.averageDailySales.toFixed(2),
      s.daysOfCover === null ? "-" : String(s.daysOfCover),
      s.stockOutDate ?? "-",
    ]),
  };
}

export function inventoryText(report: InventoryReport, rows: readonly InventoryRow[], table: string): string {
  const { totals } = report;
  return (
    `Inventory as of ${report.asOf}: ${totals.skus} SKUs, ${totals.lowStock} low, ${totals.outOfStock} out of stock ` +
    `(sales rate over the last ${report.windowDays} days)\n\n${rows.length === 0 ? "No SKUs to show.\n" : table}`
  );
}

function freshnessNote(freshness: SalesReport["freshness"]): string {
  if (freshness.source === "live") return "";
  return freshness.refreshedAt === null ? ", snapshot" : `, snapshot of ${freshness.refreshedAt.toISOString()}`;
}

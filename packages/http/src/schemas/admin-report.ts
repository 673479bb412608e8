import {
  CUSTOMER_SEGMENTS,
  SALES_INTERVALS,
  SALES_RANKINGS,
  type CategoryReport as DomainCategoryReport,
  type CustomerSegmentsReport as DomainCustomerSegmentsReport,
  type InventoryReport as DomainInventoryReport,
  type ProductReport as DomainProductReport,
  type ReportFreshness as DomainReportFreshness,
  type SalesFigures as DomainSalesFigures,
  type SalesReport as DomainSalesReport,
} from "@emporium/domain";
import { z } from "@hono/zod-openapi";
import { DEFAULT_PAGE_SIZE, MALFORMED, MAX_PAGE_SIZE, Money } from "./common.js";
import { BooleanQuery, ProductStatus } from "./product.js";

const money = (amount: number, currency: string) => ({ amount, currency });

const Day = (description: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
    .optional()
    .openapi({ description, format: "date", example: "2025-03-01" });

const Limit = z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE).openapi({ example: DEFAULT_PAGE_SIZE });

// Report pages are slices of rows computed whole; their cursors are offsets.
const OffsetCursor = z
  .string()
  .refine((value) => /^(0|[1-9][0-9]{0,8})$/.test(value), {
    message: "cursor is not one this report issued",
    params: { problem: MALFORMED },
  })
  .optional()
  .openapi({ description: "Opaque; pass the previous page's nextCursor" });

const Refresh = BooleanQuery.optional().openapi({
  description: "Bring the snapshot figures (PostgreSQL materialized views) up to date first; SQLite figures are always live",
});

const range = {
  from: Day("First day (UTC, inclusive); default: a period's worth of days before `to`"),
  to: Day("Last day (UTC, inclusive); default today"),
};

export const SalesReportQuery = z.object({
  ...range,
  interval: z.enum(SALES_INTERVALS).default("day").openapi({ description: "week = ISO week, Monday to Sunday (UTC)" }),
  refresh: Refresh,
});

export const RankingQuery = z.object({
  ...range,
  sort: z.enum(SALES_RANKINGS).default("revenue"),
  limit: Limit,
  refresh: Refresh,
});

export const CustomerReportQuery = z.object({
  segment: z.enum(CUSTOMER_SEGMENTS).optional().openapi({ description: "Only the customers of this segment" }),
  limit: Limit,
  cursor: OffsetCursor,
});

export const InventoryReportQuery = z.object({
  lowStock: BooleanQuery.optional().openapi({ description: "Only SKUs at or below their low-stock threshold" }),
  limit: Limit,
  cursor: OffsetCursor,
});

const Freshness = z
  .object({
    source: z
      .enum(["live", "snapshot"])
      .openapi({ description: "snapshot: PostgreSQL materialized views, refreshed by the analytics job" }),
    refreshedAt: z.string().nullable().openapi({ format: "date-time", description: "When the snapshots were last refreshed" }),
  })
  .openapi("ReportFreshness");

const Share = z.number().int().openapi({ description: "Share of the range's revenue in basis points (10000 = all)", example: 2500 });

const salesFigures = {
  orders: z.number().int().openapi({ description: "Orders placed in the period that were paid (later refunds included)" }),
  units: z.number().int(),
  revenue: Money,
  averageOrderValue: Money,
  refunds: z.number().int().openapi({ description: "Refunds made in the period, of orders placed whenever" }),
  refundedAmount: Money,
  netRevenue: Money.openapi({ description: "revenue - refundedAmount; negative when refunds outweigh sales" }),
};

export const SalesReport = z
  .object({
    from: z.string().openapi({ format: "date" }),
    to: z.string().openapi({ format: "date" }),
    interval: z.enum(SALES_INTERVALS),
    periods: z.array(
      z
        .object({
          period: z.string().openapi({ description: "2025-03-04, 2025-W10 or 2025-03", example: "2025-W10" }),
          start: z.string().openapi({ format: "date", description: "Clipped to `from`" }),
          end: z.string().openapi({ format: "date", description: "Clipped to `to`" }),
          ...salesFigures,
        })
        .openapi("SalesPeriod"),
    ),
    totals: z.object(salesFigures).openapi("SalesFigures"),
    freshness: Freshness,
  })
  .openapi("SalesReport");

export const ProductReport = z
  .object({
    from: z.string().openapi({ format: "date" }),
    to: z.string().openapi({ format: "date" }),
    sort: z.enum(SALES_RANKINGS),
    items: z.array(
      z
        .object({
          productId: z.string(),
          slug: z.string(),
          name: z.string(),
          status: ProductStatus,
          primaryCategoryId: z.string().nullable(),
          orders: z.number().int(),
          units: z.number().int(),
          revenue: Money,
          revenueShare: Share,
        })
        .openapi("ProductSalesRow"),
    ),
    totals: z.object({ products: z.number().int(), units: z.number().int(), revenue: Money }),
    freshness: Freshness,
  })
  .openapi("ProductReport", { description: "Lines of orders placed in the range that are paid, shipped or delivered" });

export const CategoryReport = z
  .object({
    from: z.string().openapi({ format: "date" }),
    to: z.string().openapi({ format: "date" }),
    sort: z.enum(SALES_RANKINGS),
    items: z.array(
      z
        .object({
          category: z
            .object({ id: z.string(), slug: z.string(), name: z.string(), path: z.string() })
            .nullable()
            .openapi({ description: "null: products without a category" }),
          products: z.number().int(),
          units: z.number().int(),
          revenue: Money,
          revenueShare: Share,
        })
        .openapi("CategorySalesRow"),
    ),
    totals: z.object({ categories: z.number().int(), units: z.number().int(), revenue: Money }),
    freshness: Freshness,
  })
  .openapi("CategoryReport", { description: "Each product counts under its primary category" });

export const CustomerSegmentsReport = z
  .object({
    asOf: z.string().openapi({ format: "date" }),
    customers: z.number().int().openapi({ description: "Customers with at least one paid order" }),
    segments: z.array(
      z.object({ segment: z.enum(CUSTOMER_SEGMENTS), customers: z.number().int(), lifetimeValue: Money }).openapi("SegmentSummary"),
    ),
    items: z.array(
      z
        .object({
          customerId: z.string(),
          email: z.string(),
          name: z.string(),
          orders: z.number().int(),
          refunds: z.number().int(),
          revenue: Money,
          refundedAmount: Money,
          lifetimeValue: Money,
          firstOrderAt: z.string().openapi({ format: "date-time" }),
          lastOrderAt: z.string().openapi({ format: "date-time" }),
          recencyDays: z.number().int(),
          recency: z.number().int().min(1).max(5),
          frequency: z.number().int().min(1).max(5),
          monetary: z.number().int().min(1).max(5),
          segment: z.enum(CUSTOMER_SEGMENTS),
        })
        .openapi("CustomerSegmentRow"),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi("CustomerSegmentsReport", {
    description:
      "RFM: recency, frequency and monetary scores 1–5 (quintiles of the customers' mid-ranks) and a segment by recency and " +
      "the mean of frequency and monetary: R5 → new, potential_loyalist, potential_loyalist, champions, champions; " +
      "R4 → promising, potential_loyalist ×2, loyal ×2; R3 → about_to_sleep ×2, need_attention, loyal ×2; " +
      "R1–2 → hibernating ×2, at_risk ×2, cant_lose (for FM 1 to 5).",
  });

export const InventoryReport = z
  .object({
    asOf: z.string().openapi({ format: "date" }),
    windowDays: z.number().int().openapi({ description: "Sales rates are measured over this many days up to now" }),
    totals: z.object({ skus: z.number().int(), lowStock: z.number().int(), outOfStock: z.number().int() }),
    items: z.array(
      z
        .object({
          sku: z.string(),
          productId: z.string(),
          productSlug: z.string(),
          productName: z.string(),
          options: z.record(z.string(), z.string()),
          onHand: z.number().int(),
          reserved: z.number().int(),
          available: z.number().int(),
          lowStockThreshold: z.number().int(),
          lowStock: z.boolean(),
          unitsSold: z.number().int().openapi({ description: "Units sold in the window" }),
          averageDailySales: z.number(),
          daysOfCover: z.number().int().nullable().openapi({ description: "null: nothing sold in the window" }),
          stockOutDate: z.string().nullable().openapi({ format: "date" }),
        })
        .openapi("InventoryRow"),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi("InventoryReport", { description: "Every sellable SKU, soonest to run out first" });

const freshnessJson = (freshness: DomainReportFreshness) => ({
  source: freshness.source,
  refreshedAt: freshness.refreshedAt?.toISOString() ?? null,
});

const salesFiguresJson = (figures: DomainSalesFigures, currency: string) => ({
  orders: figures.orders,
  units: figures.units,
  revenue: money(figures.revenue, currency),
  averageOrderValue: money(figures.averageOrderValue, currency),
  refunds: figures.refunds,
  refundedAmount: money(figures.refundedAmount, currency),
  netRevenue: money(figures.netRevenue, currency),
});

export function toSalesReportJson(report: DomainSalesReport): z.infer<typeof SalesReport> {
  const { currency } = report;
  return {
    from: report.from,
    to: report.to,
    interval: report.interval,
    periods: report.periods.map((p) => ({ period: p.period, start: p.start, end: p.end, ...salesFiguresJson(p, currency) })),
    totals: salesFiguresJson(report.totals, currency),
    freshness: freshnessJson(report.freshness),
  };
}

export function toProductReportJson(report: DomainProductReport): z.infer<typeof ProductReport> {
  const { currency } = report;
  return {
    from: report.from,
    to: report.to,
    sort: report.sort,
    items: report.items.map((row) => ({
      productId: row.productId,
      slug: row.slug,
      name: row.name,
      status: row.status,
      primaryCategoryId: row.primaryCategoryId,
      orders: row.orders,
      units: row.units,
      revenue: money(row.revenue, currency),
      revenueShare: row.revenueShare,
    })),
    totals: { products: report.totals.products, units: report.totals.units, revenue: money(report.totals.revenue, currency) },
    freshness: freshnessJson(report.freshness),
  };
}

export function toCategoryReportJson(report: DomainCategoryReport): z.infer<typeof CategoryReport> {
  const { currency } = report;
  return {
    from: report.from,
    to: report.to,
    sort: report.sort,
    items: report.items.map((row) => ({
      category:
        row.category === null ? null : { id: row.category.id, slug: row.category.slug, name: row.category.name, path: row.category.path },
      products: row.products,
      units: row.units,
      revenue: money(row.revenue, currency),
      revenueShare: row.revenueShare,
    })),
    totals: { categories: report.totals.categories, units: report.totals.units, revenue: money(report.totals.revenue, currency) },
    freshness: freshnessJson(report.freshness),
  };
}

export function toCustomerSegmentsReportJson(report: DomainCustomerSegmentsReport): z.infer<typeof CustomerSegmentsReport> {
  const { currency } = report;
  return {
    asOf: report.asOf,
    customers: report.customers,
    segments: report.segments.map((s) => ({ segment: s.segment, customers: s.customers, lifetimeValue: money(s.lifetimeValue, currency) })),
    items: report.items.map((row) => ({
      customerId: row.customerId,
      email: row.email,
      name: row.name,
      orders: row.orders,
      refunds: row.refunds,
      revenue: money(row.revenue, currency),
      refundedAmount: money(row.refundedAmount, currency),
      lifetimeValue: money(row.lifetimeValue, currency),
      firstOrderAt: row.firstOrderAt.toISOString(),
      lastOrderAt: row.lastOrderAt.toISOString(),
      recencyDays: row.recencyDays,
      recency: row.recency,
      frequency: row.frequency,
      monetary: row.monetary,
      segment: row.segment,
    })),
    nextCursor: report.nextCursor,
  };
}

export function toInventoryReportJson(report: DomainInventoryReport): z.infer<typeof InventoryReport> {
  return {
    asOf: report.asOf,
    windowDays: report.windowDays,
    totals: { ...report.totals },
    items: report.items.map((row) => ({
      sku: row.sku,
      productId: row.productId,
      productSlug: row.productSlug,
      productName: row.productName,
      options: { ...row.options },
      onHand: row.onHand,
      reserved: row.reserved,
      available: row.available,
      lowStockThreshold: row.lowStockThreshold,
      lowStock: row.lowStock,
      unitsSold: row.unitsSold,
      averageDailySales: row.averageDailySales,
      daysOfCover: row.daysOfCover,
      stockOutDate: row.stockOutDate,
    })),
    nextCursor: report.nextCursor,
  };
}

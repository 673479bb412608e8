import type { ProductStatus } from "../catalog/product.js";
import type { CalendarDay } from "../reports/calendar-day.js";

/** Inclusive UTC calendar days. */
export interface DayRange {
  readonly from: CalendarDay;
  readonly to: CalendarDay;
}

/**
 * One day of sales. Orders, units and revenue count the orders placed that day that reached
 * `paid` (refunded ones included: they were sales); refunds are booked on the day of the refund.
 * Money is minor units of the store currency.
 */
export interface DailySales {
  readonly day: CalendarDay;
  readonly orders: number;
  readonly units: number;
  /** Sum of the orders' totals (tax and shipping included). */
  readonly revenue: number;
  readonly refunds: number;
  readonly refundedAmount: number;
}

/** What one product sold in a range: lines of orders placed then that are paid, shipped or delivered (refunded ones are not). */
export interface ProductSales {
  readonly productId: string;
  readonly slug: string;
  readonly name: string;
  readonly status: ProductStatus;
  /** The product's primary category now, or null. */
  readonly primaryCategoryId: string | null;
  readonly orders: number;
  readonly units: number;
  /** Sum of the line totals (after discount, tax included). */
  readonly revenue: number;
}

/** One customer's purchases, kept current as orders are paid and refunded. */
export interface CustomerStats {
  readonly customerId: string;
  /** Orders that reached `paid`, refunded ones included. */
  readonly orders: number;
  readonly revenue: number;
  readonly refunds: number;
  readonly refundedAmount: number;
  /** revenue - refundedAmount. */
  readonly lifetimeValue: number;
  readonly firstOrderAt: Date;
  readonly lastOrderAt: Date;
}

/** A sellable SKU's stock and its recent sales. */
export interface SkuStockSales {
  readonly sku: string;
  readonly productId: string;
  readonly productSlug: string;
  readonly productName: string;
  readonly options: Readonly<Record<string, string>>;
  readonly onHand: number;
  readonly reserved: number;
  readonly lowStockThreshold: number;
  /** Units of `sale` movements since the time asked for. */
  readonly unitsSold: number;
}

/** Where the heavy figures come from: live queries, or snapshots refreshed by a job. */
export interface ReportFreshness {
  readonly source: "live" | "snapshot";
  /** When the snapshots were last refreshed; null for live figures (or a snapshot never refreshed since it was built). */
  readonly refreshedAt: Date | null;
}

/**
 * Aggregates for the admin reports. Implementations may serve sales and product figures from
 * snapshots (PostgreSQL materialized views) that `refresh` brings up to date; the others are live.
 */
export interface ReportRepository {
  /** Days of the range with any sale or refund, oldest first. */
  dailySales(range: DayRange): Promise<DailySales[]>;
  /** Every product that sold in the range, by product id. */
  productSales(range: DayRange): Promise<ProductSales[]>;
  /** Every customer with at least one paid order, by customer id. */
  customerStats(): Promise<CustomerStats[]>;
  /** The stats of these customers (those without paid orders are absent). */
  customerStatsFor(customerIds: readonly string[]): Promise<CustomerStats[]>;
  /** Every active variant of a product that is not archived, with `sale` units since `since`, by SKU. */
  stockSales(since: Date): Promise<SkuStockSales[]>;
  freshness(): Promise<ReportFreshness>;
  /** Brings the snapshots up to date; nothing for live implementations. */
  refresh(): Promise<void>;
}

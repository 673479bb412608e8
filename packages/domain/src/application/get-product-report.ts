import { err, invalid, ok, type ForbiddenError, type InvalidInputError, type Result } from "../errors.js";
import { roundHalfAwayFromZero } from "../money/money.js";
import type { ProductSales, ReportFreshness } from "../ports/report-repository.js";
import { dayOf, type CalendarDay } from "../reports/calendar-day.js";
import { authorize } from "./authorize.js";
import type { Actor, AppDeps } from "./context.js";
import { pageLimit } from "./page-limit.js";
import { reportRange, type ReportRangeInput } from "./report-range.js";

export type SalesRanking = "revenue" | "units";

export const SALES_RANKINGS: readonly SalesRanking[] = ["revenue", "units"];

export interface GetProductReportInput extends ReportRangeInput {
  readonly actor: Actor;
  /** Default `revenue`. */
  readonly sort?: SalesRanking;
  /** How many products (1..100, default 20). */
  readonly limit?: number;
  readonly refresh?: boolean;
}

export interface ProductSalesRow extends ProductSales {
  /** Share of the range's revenue in basis points (10000 = all of it). */
  readonly revenueShare: number;
}

export interface ProductReport {
  readonly from: CalendarDay;
  readonly to: CalendarDay;
  readonly currency: string;
  readonly sort: SalesRanking;
  /** The best sellers, best first. */
  readonly items: readonly ProductSalesRow[];
  /** Over every product that sold, not only those listed. */
  readonly totals: { readonly products: number; readonly units: number; readonly revenue: number };
  readonly freshness: ReportFreshness;
}

/** Default range of the product and category reports. */
export const DEFAULT_RANKING_DAYS = 30;

/**
 * Admin: the best-selling products between two days, by revenue or units. Counts the lines of
 * orders placed in the range that are paid, shipped or delivered; refunded orders do not count.
 */
export class GetProductReport {
  constructor(private readonly deps: Pick<AppDeps, "reports" | "clock" | "settings">) {}

  async execute(input: GetProductReportInput): Promise<Result<ProductReport, ForbiddenError | InvalidInputError>> {
    const denied = authorize(input.actor, "reports:read");
    if (denied !== null) return err(denied);
    const sort = input.sort ?? "revenue";
    if (!SALES_RANKINGS.includes(sort)) return err(invalid({ path: "sort", message: `must be one of ${SALES_RANKINGS.join(", ")}` }));
    const range = reportRange(input, dayOf(this.deps.clock.now()), DEFAULT_RANKING_DAYS);
    if (!range.ok) return range;

    if (input.refresh === true) await this.deps.reports.refresh();
    const sales = await this.deps.reports.productSales(range.value);
    const revenue = sales.reduce((total, p) => total + p.revenue, 0);
    const ranked = rankSales(sales, sort, (p) => p.productId).slice(0, pageLimit(input.limit));
    return ok({
      ...range.value,
      currency: this.deps.settings.currency,
      sort,
      items: ranked.map((row) => ({ ...row, revenueShare: share(row.revenue, revenue) })),
      totals: { products: sales.length, units: sales.reduce((total, p) => total + p.units, 0), revenue },
      freshness: await this.deps.reports.freshness(),
    });
  }
}

/** Best first by `sort`, then by the other measure, then by key, so equal rows always come in one order. */
export function rankSales<T extends { readonly revenue: number; readonly units: number }>(
  rows: readonly T[],
  sort: SalesRanking,
  keyOf: (row: T) => string,
): T[] {
  const [first, second] = sort === "revenue" ? (["revenue", "units"] as const) : (["units", "revenue"] as const);
  return [...rows].sort((a, b) => {
    const [keyA, keyB] = [keyOf(a), keyOf(b)];
    return b[first] - a[first] || b[second] - a[second] || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0);
  });
}

/** `part` of `whole` in basis points, rounded half away from zero; 0 of nothing. */
export const share = (part: number, whole: number): number => (whole === 0 ? 0 : roundHalfAwayFromZero(part * 10_000, whole));

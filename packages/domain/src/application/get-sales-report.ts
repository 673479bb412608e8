import { err, invalid, ok, type ForbiddenError, type InvalidInputError, type Result } from "../errors.js";
import { roundHalfAwayFromZero } from "../money/money.js";
import type { DailySales, ReportFreshness } from "../ports/report-repository.js";
import { dayOf, type CalendarDay } from "../reports/calendar-day.js";
import { periodOf, periodsBetween, SALES_INTERVALS, type SalesInterval } from "../reports/sales-period.js";
import { authorize } from "./authorize.js";
import type { Actor, AppDeps } from "./context.js";
import { reportRange, type ReportRangeInput } from "./report-range.js";

export interface GetSalesReportInput extends ReportRangeInput {
  readonly actor: Actor;
  /** Default `day`. */
  readonly interval?: SalesInterval;
  /** Bring snapshot figures up to date before reading (PostgreSQL materialized views). */
  readonly refresh?: boolean;
}

/** Sales figures of a period or of the whole range. Money is minor units of `currency`. */
export interface SalesFigures {
  /** Orders placed in the period that reached `paid` (later refunds included). */
  readonly orders: number;
  readonly units: number;
  /** Sum of those orders' totals. */
  readonly revenue: number;
  /** revenue ÷ orders, rounded half away from zero; 0 without orders. */
  readonly averageOrderValue: number;
  /** Refunds made in the period (of orders placed whenever). */
  readonly refunds: number;
  readonly refundedAmount: number;
  /** revenue - refundedAmount. */
  readonly netRevenue: number;
}

export interface SalesPeriodFigures extends SalesFigures {
  /** `2025-03-04`, `2025-W10` or `2025-03`. */
  readonly period: string;
  /** The period's first and last day, clipped to the report's range. */
  readonly start: CalendarDay;
  readonly end: CalendarDay;
}

export interface SalesReport {
  readonly from: CalendarDay;
  readonly to: CalendarDay;
  readonly interval: SalesInterval;
  readonly currency: string;
  /** Every period of the range, oldest first, empty ones included. */
  readonly periods: readonly SalesPeriodFigures[];
  readonly totals: SalesFigures;
  readonly freshness: ReportFreshness;
}

// Defaults show about a month of days, a quarter of weeks and a year of months.
const DEFAULT_DAYS: Readonly<Record<SalesInterval, number>> = { day: 30, week: 84, month: 365 };
const MAX_PERIODS = 1000;

/**
 * Admin: sales between two days by day, ISO week (Monday to Sunday, UTC) or month: orders,
 * units, revenue, average order value and refunds. Orders count on the day they were placed,
 * refunds on the day they were made.
 */
export class GetSalesReport {
  constructor(private readonly deps: Pick<AppDeps, "reports" | "clock" | "settings">) {}

  async execute(input: GetSalesReportInput): Promise<Result<SalesReport, ForbiddenError | InvalidInputError>> {
    const denied = authorize(input.actor, "reports:read");
    if (denied !== null) return err(denied);
    const interval = input.interval ?? "day";
    if (!SALES_INTERVALS.includes(interval))
      return err(invalid({ path: "interval", message: `must be one of ${SALES_INTERVALS.join(", ")}` }));
    const range = reportRange(input, dayOf(this.deps.clock.now()), DEFAULT_DAYS[interval]);
    if (!range.ok) return range;
    const { from, to } = range.value;
    const periods = periodsBetween(from, to, interval);
    if (periods.length > MAX_PERIODS) {
      return err(
        invalid({ path: "interval", message: `the range has ${periods.length} ${interval}s; at most ${MAX_PERIODS} fit one report` }),
      );
    }

    const { reports } = this.deps;
    if (input.refresh === true) await reports.refresh();
    const days = await reports.dailySales({ from, to });
    const byPeriod = new Map<string, DailySales[]>();
    for (const day of days) {
      const key = periodOf(day.day, interval).key;
      byPeriod.set(key, [...(byPeriod.get(key) ?? []), day]);
    }
    return ok({
      from,
      to,
      interval,
      currency: this.deps.settings.currency,
      periods: periods.map((period) => ({
        period: period.key,
        start: period.start < from ? from : period.start,
        end: period.end > to ? to : period.end,
        ...salesFigures(byPeriod.get(period.key) ?? []),
      })),
      totals: salesFigures(days),
      freshness: await reports.freshness(),
    });
  }
}

/** Sums days into figures. */
export function salesFigures(days: readonly DailySales[]): SalesFigures {
  const sum = (pick: (day: DailySales) => number) => days.reduce((total, day) => total + pick(day), 0);
  const orders = sum((d) => d.orders);
  const revenue = sum((d) => d.revenue);
  const refundedAmount = sum((d) => d.refundedAmount);
  return {
    orders,
    units: sum((d) => d.units),
    revenue,
    averageOrderValue: orders === 0 ? 0 : roundHalfAwayFromZero(revenue, orders),
    refunds: sum((d) => d.refunds),
    refundedAmount,
    netRevenue: revenue - refundedAmount,
  };
}

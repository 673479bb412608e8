import { addDays, startOf, type CalendarDay } from "./calendar-day.js";

export type SalesInterval = "day" | "week" | "month";

export const SALES_INTERVALS: readonly SalesInterval[] = ["day", "week", "month"];

/** One bucket of a sales report: its label and the days it spans. */
export interface SalesPeriod {
  /** `2025-03-04` for a day, `2025-W10` for an ISO week, `2025-03` for a month. */
  readonly key: string;
  readonly start: CalendarDay;
  readonly end: CalendarDay;
}

/**
 * The period of `interval` containing `day`. Weeks are ISO 8601 weeks: they start on Monday
 * (UTC) and belong to the year of their Thursday, so 2024-12-30 is in `2025-W01`.
 */
export function periodOf(day: CalendarDay, interval: SalesInterval): SalesPeriod {
  if (interval === "day") return { key: day, start: day, end: day };
  if (interval === "month") {
    const start = `${day.slice(0, 7)}-01`;
    const next = startOf(start);
    next.setUTCMonth(next.getUTCMonth() + 1);
    return { key: day.slice(0, 7), start, end: addDays(next.toISOString().slice(0, 10), -1) };
  }
  const weekday = (startOf(day).getUTCDay() + 6) % 7;
  const start = addDays(day, -weekday);
  const thursday = addDays(start, 3);
  const yearStart = `${thursday.slice(0, 4)}-01-01`;
  const week = Math.floor((startOf(thursday).getTime() - startOf(yearStart).getTime()) / (7 * 86_400_000)) + 1;
  return { key: `${thursday.slice(0, 4)}-W${String(week).padStart(2, "0")}`, start, end: addDays(start, 6) };
}

/** Every period of `interval` from the one containing `from` to the one containing `to`, oldest first. */
export function periodsBetween(from: CalendarDay, to: CalendarDay, interval: SalesInterval): SalesPeriod[] {
  const periods: SalesPeriod[] = [];
  for (let period = periodOf(from, interval); period.start <= to; period = periodOf(addDays(period.end, 1), interval)) {
    periods.push(period);
  }
  return periods;
}

import { addDays, type CalendarDay } from "./calendar-day.js";

/** How long the free stock of a SKU lasts at its recent rate of sale. */
export interface StockCover {
  /** Units sold per day over the window, to two decimals. */
  readonly averageDailySales: number;
  /** Whole days the available units last; null when nothing sold in the window (no rate to project). */
  readonly daysOfCover: number | null;
  /** The day the available units run out at that rate; null with `daysOfCover`. */
  readonly stockOutDate: CalendarDay | null;
}

/**
 * Projects `available` units forward at the rate `unitsSold` over the last `windowDays` days:
 * days of cover = available ÷ (unitsSold ÷ windowDays), rounded down, counted from `today`.
 * A SKU with nothing available is out today, whatever its rate.
 */
export function stockCover(available: number, unitsSold: number, windowDays: number, today: CalendarDay): StockCover {
  const averageDailySales = Math.round((unitsSold * 100) / windowDays) / 100;
  if (available <= 0) return { averageDailySales, daysOfCover: 0, stockOutDate: today };
  if (unitsSold <= 0) return { averageDailySales, daysOfCover: null, stockOutDate: null };
  const daysOfCover = Math.floor((available * windowDays) / unitsSold);
  return { averageDailySales, daysOfCover, stockOutDate: addDays(today, daysOfCover) };
}

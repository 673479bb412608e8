/** A UTC calendar date as `YYYY-MM-DD`; reports bucket and filter by these. */
export type CalendarDay = string;

const DAY_MS = 86_400_000;
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real date written `YYYY-MM-DD` (2025-02-30 is not). */
export function isCalendarDay(value: string): boolean {
  const match = SHAPE.exec(value);
  if (match === null) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCFullYear() === Number(match[1]) && dayOf(date) === value;
}

/** The UTC calendar day of an instant. */
export const dayOf = (instant: Date): CalendarDay => instant.toISOString().slice(0, 10);

/** Midnight UTC at the start of `day`. */
export const startOf = (day: CalendarDay): Date => new Date(`${day}T00:00:00.000Z`);

/** `day` moved by `days` (negative moves back). */
export const addDays = (day: CalendarDay, days: number): CalendarDay => dayOf(new Date(startOf(day).getTime() + days * DAY_MS));

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: CalendarDay, to: CalendarDay): number =>
  Math.round((startOf(to).getTime() - startOf(from).getTime()) / DAY_MS);

/** Whole days from `earlier` to `later`, counted in UTC calendar days. */
export const calendarDaysSince = (earlier: Date, later: Date): number => daysBetween(dayOf(earlier), dayOf(later));

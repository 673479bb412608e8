import { err, invalid, ok, type FieldIssue, type InvalidInputError, type Result } from "../errors.js";
import type { DayRange } from "../ports/report-repository.js";
import { addDays, daysBetween, isCalendarDay, type CalendarDay } from "../reports/calendar-day.js";

/** `from` and `to` as a client gives them: inclusive UTC days, `YYYY-MM-DD`, either may be absent. */
export interface ReportRangeInput {
  readonly from?: string;
  readonly to?: string;
}

/** Ten years of days: enough for any report, small enough to answer. */
export const MAX_REPORT_DAYS = 3660;

/**
 * The range a report covers: `to` defaults to today (UTC) and `from` to `defaultDays` days
 * ending at `to`. Bad dates, a `from` after `to` or a range over MAX_REPORT_DAYS are
 * `request.invalid` naming the field.
 */
export function reportRange(input: ReportRangeInput, today: CalendarDay, defaultDays: number): Result<DayRange, InvalidInputError> {
  const issues: FieldIssue[] = [];
  for (const field of ["from", "to"] as const) {
    const value = input[field];
    if (value !== undefined && !isCalendarDay(value)) issues.push({ path: field, message: "must be a date written YYYY-MM-DD" });
  }
  if (issues.length > 0) return err(invalid(...issues));
  const to = input.to ?? (input.from !== undefined && input.from > today ? input.from : today);
  const from = input.from ?? addDays(to, 1 - defaultDays);
  if (from > to) return err(invalid({ path: "from", message: `must not be after to (${to})` }));
  if (daysBetween(from, to) + 1 > MAX_REPORT_DAYS) {
    return err(invalid({ path: "from", message: `the range may span at most ${MAX_REPORT_DAYS} days` }));
  }
  return ok({ from, to });
}

import { describe, expect, it } from "vitest";
import { addDays, calendarDaysSince, daysBetween, isCalendarDay } from "./calendar-day.js";

describe("calendar days", () => {
  it("accepts only real dates written YYYY-MM-DD", () => {
    expect(isCalendarDay("2024-02-29")).toBe(true);
    for (const bad of ["2025-02-29", "2025-13-01", "2025-3-1", "20250301", "2025-03-01T00:00:00Z", ""])
      expect(isCalendarDay(bad)).toBe(false);
  });

  it("counts and moves in UTC days", () => {
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
    expect(daysBetween("2025-03-01", "2025-03-31")).toBe(30);
    expect(calendarDaysSince(new Date("2025-03-10T23:59:00Z"), new Date("2025-03-11T00:01:00Z"))).toBe(1);
  });
});

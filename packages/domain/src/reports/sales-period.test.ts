import { describe, expect, it } from "vitest";
import { periodOf, periodsBetween } from "./sales-period.js";

describe("periodOf", () => {
  it("puts a day in its ISO week, Monday to Sunday, numbered by the year of its Thursday", () => {
    expect(periodOf("2025-03-05", "week")).toEqual({ key: "2025-W10", start: "2025-03-03", end: "2025-03-09" });
    expect(periodOf("2025-03-09", "week").key).toBe("2025-W10");
    expect(periodOf("2025-03-10", "week").key).toBe("2025-W11");
    // The last days of December can be week 1 of the next year, and the first of January week 52 or 53 of the last.
    expect(periodOf("2024-12-30", "week")).toEqual({ key: "2025-W01", start: "2024-12-30", end: "2025-01-05" });
    expect(periodOf("2021-01-03", "week")).toEqual({ key: "2020-W53", start: "2020-12-28", end: "2021-01-03" });
    expect(periodOf("2027-01-01", "week").key).toBe("2026-W53");
  });

  it("puts a day in its month and in itself", () => {
    expect(periodOf("2024-02-14", "month")).toEqual({ key: "2024-02", start: "2024-02-01", end: "2024-02-29" });
    expect(periodOf("2025-12-31", "month")).toEqual({ key: "2025-12", start: "2025-12-01", end: "2025-12-31" });
    expect(periodOf("2025-03-05", "day")).toEqual({ key: "2025-03-05", start: "2025-03-05", end: "2025-03-05" });
  });
});

describe("periodsBetween", () => {
  it("lists every period touching the range, partial ones at the ends included", () => {
    expect(periodsBetween("2025-01-30", "2025-03-01", "month").map((p) => p.key)).toEqual(["2025-01", "2025-02", "2025-03"]);
    expect(periodsBetween("2025-03-01", "2025-03-10", "week").map((p) => p.key)).toEqual(["2025-W09", "2025-W10", "2025-W11"]);
    expect(periodsBetween("2025-03-30", "2025-04-02", "day").map((p) => p.key)).toEqual([
      "2025-03-30",
      "2025-03-31",
      "2025-04-01",
      "2025-04-02",
    ]);
    expect(periodsBetween("2025-03-05", "2025-03-05", "week")).toHaveLength(1);
  });
});

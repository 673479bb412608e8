import { describe, expect, it } from "vitest";
import { offsetPage } from "./offset-page.js";
import { MAX_REPORT_DAYS, reportRange } from "./report-range.js";

describe("reportRange", () => {
  it("defaults to the given number of days ending today", () => {
    expect(reportRange({}, "2025-04-02", 30)).toEqual({ ok: true, value: { from: "2025-03-04", to: "2025-04-02" } });
    expect(reportRange({ to: "2025-01-10" }, "2025-04-02", 7)).toEqual({ ok: true, value: { from: "2025-01-04", to: "2025-01-10" } });
    expect(reportRange({ from: "2025-05-01" }, "2025-04-02", 7)).toEqual({ ok: true, value: { from: "2025-05-01", to: "2025-05-01" } });
  });

  it("refuses bad dates, a reversed range and one too long, naming the field", () => {
    const paths = (input: { from?: string; to?: string }) => {
      const result = reportRange(input, "2025-04-02", 30);
      return result.ok ? [] : result.error.errors.map((e) => e.path);
    };
    expect(paths({ from: "2025-02-30", to: "nope" })).toEqual(["from", "to"]);
    expect(paths({ from: "2025-03-02", to: "2025-03-01" })).toEqual(["from"]);
    expect(paths({ from: "2000-01-01", to: "2025-01-01" })).toEqual(["from"]);
    expect(MAX_REPORT_DAYS).toBeGreaterThan(3650);
  });
});

describe("offsetPage", () => {
  it("slices computed rows with offset cursors", () => {
    const rows = [1, 2, 3, 4, 5];
    expect(offsetPage(rows, 2, null)).toEqual({ ok: true, value: { items: [1, 2], nextCursor: "2" } });
    expect(offsetPage(rows, 2, "4")).toEqual({ ok: true, value: { items: [5], nextCursor: null } });
    expect(offsetPage(rows, 2, "9")).toEqual({ ok: true, value: { items: [], nextCursor: null } });
    const bad = offsetPage(rows, 2, "-1");
    expect(bad.ok ? null : bad.error.errors[0]!.path).toBe("cursor");
  });
});

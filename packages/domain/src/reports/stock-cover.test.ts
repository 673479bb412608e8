import { describe, expect, it } from "vitest";
import { stockCover } from "./stock-cover.js";

describe("stockCover", () => {
  it("projects the available units at the window's rate, in whole days", () => {
    // 3 sold in 30 days is 0.1 a day: 6 units last 60 days.
    expect(stockCover(6, 3, 30, "2025-04-02")).toEqual({ averageDailySales: 0.1, daysOfCover: 60, stockOutDate: "2025-06-01" });
    expect(stockCover(1, 2, 30, "2025-04-02")).toEqual({ averageDailySales: 0.07, daysOfCover: 15, stockOutDate: "2025-04-17" });
    expect(stockCover(5, 300, 30, "2025-04-02")).toMatchObject({ averageDailySales: 10, daysOfCover: 0, stockOutDate: "2025-04-02" });
  });

  it("has no projection without sales, and is out today without stock", () => {
    expect(stockCover(12, 0, 30, "2025-04-02")).toEqual({ averageDailySales: 0, daysOfCover: null, stockOutDate: null });
    expect(stockCover(0, 0, 30, "2025-04-02")).toEqual({ averageDailySales: 0, daysOfCover: 0, stockOutDate: "2025-04-02" });
    expect(stockCover(-1, 4, 30, "2025-04-02").daysOfCover).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { ratingOf, validateRating } from "./rating.js";

describe("validateRating", () => {
  it("accepts whole stars from 1 to 5", () => {
    for (const rating of [1, 2, 3, 4, 5]) expect(validateRating(rating)).toEqual([]);
    for (const rating of [0, 6, 4.5, -1, Number.NaN]) {
      expect(validateRating(rating), String(rating)).toEqual([{ path: "rating", message: "must be a whole number from 1 to 5" }]);
    }
  });
});

describe("ratingOf", () => {
  it("averages to two decimals, rounding half away from zero", () => {
    expect(ratingOf([])).toEqual({ average: 0, count: 0 });
    expect(ratingOf([5])).toEqual({ average: 5, count: 1 });
    expect(ratingOf([5, 4, 4])).toEqual({ average: 4.33, count: 3 });
    expect(ratingOf([5, 5, 4])).toEqual({ average: 4.67, count: 3 });
    // 33/8 = 4.125 → 4.13
    expect(ratingOf([5, 5, 5, 5, 5, 4, 2, 2])).toEqual({ average: 4.13, count: 8 });
  });
});

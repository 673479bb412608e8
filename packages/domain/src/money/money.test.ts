import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate, formatMajorUnits, minorUnitDigits, money, parseMajorUnits, percentOf, roundHalfAwayFromZero } from "./money.js";

// An independent statement of the rule: sign * floor((2|n| + |d|) / 2|d|).
function referenceRound(n: bigint, d: bigint): bigint {
  const abs = (x: bigint) => (x < 0n ? -x : x);
  const magnitude = (2n * abs(n) + abs(d)) / (2n * abs(d));
  return n < 0n !== d < 0n ? -magnitude : magnitude;
}

describe("money", () => {
  it("builds integer amounts and refuses fractions of a minor unit", () => {
    expect(money(1999, "USD")).toEqual({ amount: 1999, currency: "USD" });
    expect(() => money(19.99, "USD")).toThrow(/must be a safe integer, got 19.99/);
    expect(() => money(Number.NaN, "USD")).toThrow(RangeError);
  });

  it("knows the minor-unit digits of a currency", () => {
    expect(minorUnitDigits("USD")).toBe(2);
    expect(minorUnitDigits("EUR")).toBe(2);
    expect(minorUnitDigits("JPY")).toBe(0);
    expect(minorUnitDigits("krw")).toBe(0);
    expect(minorUnitDigits("KWD")).toBe(3);
    expect(minorUnitDigits("BHD")).toBe(3);
  });
});

describe("roundHalfAwayFromZero", () => {
  it("rounds halves away from zero on both sides", () => {
    expect(roundHalfAwayFromZero(5, 2)).toBe(3);
    expect(roundHalfAwayFromZero(-5, 2)).toBe(-3);
    expect(roundHalfAwayFromZero(-3, 2)).toBe(-2);
    expect(roundHalfAwayFromZero(3, -2)).toBe(-2);
    expect(roundHalfAwayFromZero(-3, -2)).toBe(2);
    expect(roundHalfAwayFromZero(14, 10)).toBe(1);
    expect(roundHalfAwayFromZero(-14, 10)).toBe(-1);
    expect(Object.is(roundHalfAwayFromZero(-1, 10), 0)).toBe(true);
  });

  it("refuses a zero or fractional operand", () => {
    expect(() => roundHalfAwayFromZero(1, 0)).toThrow(/denominator must not be 0/);
    expect(() => roundHalfAwayFromZero(1.5, 2)).toThrow(RangeError);
  });

  it("matches exact integer arithmetic for any safe integers", () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger(),
        fc.maxSafeInteger().filter((d) => d !== 0),
        (n, d) => {
          expect(roundHalfAwayFromZero(n, d)).toBe(Number(referenceRound(BigInt(n), BigInt(d))));
        },
      ),
    );
  });

  it("is odd: negating the numerator negates the result", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), (n, d) => {
        expect(roundHalfAwayFromZero(-n, d)).toBe(-roundHalfAwayFromZero(n, d) + 0);
      }),
    );
  });
});

describe("percentOf", () => {
  it("takes basis points and rounds half away from zero", () => {
    expect(percentOf(1999, 1000)).toBe(200);
    expect(percentOf(1995, 1000)).toBe(200); // 199.5
    expect(percentOf(-1995, 1000)).toBe(-200);
    expect(percentOf(1994, 1000)).toBe(199);
    expect(percentOf(10_000, 2000)).toBe(2000);
    expect(percentOf(0, 2000)).toBe(0);
  });

  it("stays exact when amount × basis points passes 2^53", () => {
    expect(percentOf(Number.MAX_SAFE_INTEGER, 5000)).toBe(4503599627370496);
    expect(percentOf(-Number.MAX_SAFE_INTEGER, 5000)).toBe(-4503599627370496);
  });

  it("matches exact arithmetic and is symmetric in sign", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 0, max: 10_000 }), (amount, bp) => {
        expect(percentOf(amount, bp)).toBe(Number(referenceRound(BigInt(amount) * BigInt(bp), 10_000n)));
        expect(percentOf(-amount, bp)).toBe(-percentOf(amount, bp) + 0);
      }),
    );
  });
});

describe("allocate", () => {
  it("splits by largest remainder so the parts sum exactly", () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(10, [3000, 2000, 5000])).toEqual([3, 2, 5]);
    expect(allocate(1, [1000, 2000])).toEqual([0, 1]);
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
  });

  it("gives a tied remainder to the larger weight, so line order does not matter", () => {
    // 3 × [1,2,3] / 6 = [0.5, 1, 1.5]: both halves tie; the larger weight takes the unit.
    expect(allocate(3, [1, 2, 3])).toEqual([0, 1, 2]);
    expect(allocate(3, [3, 2, 1])).toEqual([2, 1, 0]);
  });

  it("splits evenly when every weight is zero", () => {
    expect(allocate(10, [0, 0, 0])).toEqual([4, 3, 3]);
    expect(allocate(0, [0, 0])).toEqual([0, 0]);
  });

  it("refuses what cannot be allocated", () => {
    expect(allocate(0, [])).toEqual([]);
    expect(() => allocate(5, [])).toThrow(/cannot allocate 5 across no parts/);
    expect(() => allocate(5, [1, -1])).toThrow(/non-negative integers/);
    expect(() => allocate(5, [1.5])).toThrow(RangeError);
  });

  it("always sums exactly and keeps each part within one unit of its exact share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          const parts = allocate(total, weights);
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0);
          if (sum === 0) return;
          parts.forEach((part, i) => {
            const exact = BigInt(total) * BigInt(weights[i] ?? 0);
            const diff = BigInt(part) * BigInt(sum) - exact;
            expect(diff < 0n ? -diff : diff).toBeLessThan(BigInt(sum));
          });
        },
      ),
    );
  });

  it("is independent of line order for distinct weights", () => {
    const weightsAndOrder = fc.uniqueArray(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 20 }).chain((weights) =>
      fc.tuple(
        fc.constant(weights),
        fc.shuffledSubarray(
          weights.map((_, i) => i),
          { minLength: weights.length, maxLength: weights.length },
        ),
      ),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e7 }), weightsAndOrder, (total, [weights, order]) => {
        const original = allocate(total, weights);
        const permuted = allocate(
          total,
          order.map((i) => weights[i] ?? 0),
        );
        expect(permuted).toEqual(order.map((i) => original[i]));
      }),
    );
  });
});

describe("parseMajorUnits and formatMajorUnits", () => {
  it("parse decimals in major units into minor units", () => {
    expect(parseMajorUnits("19.99", "USD")).toBe(1999);
    expect(parseMajorUnits("20", "USD")).toBe(2000);
    expect(parseMajorUnits("19.9", "USD")).toBe(1990);
    expect(parseMajorUnits("0.05", "USD")).toBe(5);
    expect(parseMajorUnits("-0.05", "USD")).toBe(-5);
    expect(parseMajorUnits(" 7.5 ", "EUR")).toBe(750);
    expect(parseMajorUnits("500", "JPY")).toBe(500);
    expect(parseMajorUnits("1.234", "KWD")).toBe(1234);
    expect(Object.is(parseMajorUnits("-0", "USD"), 0)).toBe(true);
  });

  it("reject anything that is not a plain decimal the currency can hold", () => {
    for (const text of ["", " ", "abc", "1e3", "1.999", "19.", ".5", "+5", "1,000.00", "--1", "0x10", "Infinity", "NaN"]) {
      expect(parseMajorUnits(text, "USD"), text).toBeNull();
    }
    expect(parseMajorUnits("500.0", "JPY")).toBeNull();
    expect(parseMajorUnits("9".repeat(20), "USD")).toBeNull();
  });

  it("format minor units as major units", () => {
    expect(formatMajorUnits(1999, "USD")).toBe("19.99");
    expect(formatMajorUnits(5, "USD")).toBe("0.05");
    expect(formatMajorUnits(-5, "USD")).toBe("-0.05");
    expect(formatMajorUnits(0, "USD")).toBe("0.00");
    expect(formatMajorUnits(500, "JPY")).toBe("500");
    expect(formatMajorUnits(-500, "JPY")).toBe("-500");
    expect(formatMajorUnits(1234, "KWD")).toBe("1.234");
  });

  it("round-trip every amount in every kind of currency", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom("USD", "JPY", "KWD"), (amount, currency) => {
        expect(parseMajorUnits(formatMajorUnits(amount, currency), currency)).toBe(amount);
      }),
    );
  });
});

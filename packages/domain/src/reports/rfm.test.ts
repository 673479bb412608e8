import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CUSTOMER_SEGMENTS, RFM_SEGMENTS, scoreRfm, segmentOf, type Quintile } from "./rfm.js";

describe("scoreRfm", () => {
  it("spreads five distinct customers over the five scores", () => {
    const customers = [10, 40, 20, 50, 30].map((value, i) => ({ recencyDays: 5 - i, frequency: value, monetary: value * 100 }));
    const scores = scoreRfm(customers);
    expect(scores.map((s) => s.frequency)).toEqual([1, 4, 2, 5, 3]);
    expect(scores.map((s) => s.monetary)).toEqual([1, 4, 2, 5, 3]);
    // Fewer days since the last order is better.
    expect(scores.map((s) => s.recency)).toEqual([1, 2, 3, 4, 5]);
  });

  it("gives tied customers one score, from their mid-rank", () => {
    // Seven one-time buyers of ten: ceil(5 × (0 + 8 / 2) / 10) = 2, not 1 (their lowest rank) nor 4 (their highest).
    const frequencies = [1, 1, 1, 1, 1, 1, 1, 2, 2, 5];
    const scores = scoreRfm(frequencies.map((frequency) => ({ recencyDays: 1, frequency, monetary: 1 })));
    expect(scores.map((s) => s.frequency)).toEqual([2, 2, 2, 2, 2, 2, 2, 5, 5, 5]);
    expect(new Set(scores.map((s) => s.recency))).toEqual(new Set([3]));
  });

  it("scores a lone customer 5", () => {
    expect(scoreRfm([{ recencyDays: 400, frequency: 1, monetary: 100 }])).toEqual([
      { recency: 5, frequency: 5, monetary: 5, segment: "champions" },
    ]);
  });

  it("keeps every score within 1..5, never ranks a better value lower, and names a known segment", () => {
    const customer = fc.record({ recencyDays: fc.nat(1000), frequency: fc.integer({ min: 1, max: 50 }), monetary: fc.nat(1_000_000) });
    fc.assert(
      fc.property(fc.array(customer, { minLength: 1, maxLength: 60 }), (customers) => {
        const scores = scoreRfm(customers);
        customers.forEach((a, i) =>
          customers.forEach((b, j) => {
            if (a.frequency > b.frequency) expect(scores[i]!.frequency).toBeGreaterThanOrEqual(scores[j]!.frequency);
            if (a.recencyDays < b.recencyDays) expect(scores[i]!.recency).toBeGreaterThanOrEqual(scores[j]!.recency);
          }),
        );
        for (const s of scores) {
          for (const value of [s.recency, s.frequency, s.monetary]) expect(value >= 1 && value <= 5).toBe(true);
          expect(CUSTOMER_SEGMENTS).toContain(s.segment);
        }
      }),
    );
  });
});

describe("segmentOf", () => {
  it("reads the rule table by recency and the rounded mean of frequency and monetary", () => {
    expect(segmentOf(5, 5, 4)).toBe("champions");
    expect(segmentOf(5, 1, 1)).toBe("new");
    expect(segmentOf(4, 4, 3)).toBe("loyal");
    expect(segmentOf(3, 3, 3)).toBe("need_attention");
    expect(segmentOf(2, 3, 4)).toBe("at_risk");
    expect(segmentOf(1, 5, 5)).toBe("cant_lose");
    expect(segmentOf(1, 1, 2)).toBe("hibernating");
  });

  it("has a segment for every cell, and every segment in some cell", () => {
    const quintiles: Quintile[] = [1, 2, 3, 4, 5];
    const used = new Set(quintiles.flatMap((r) => RFM_SEGMENTS[r]));
    expect([...used].sort()).toEqual([...CUSTOMER_SEGMENTS].sort());
  });
});

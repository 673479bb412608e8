import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { priceCart } from "./price-cart.js";
import type { PricedCart, PricingInput, PricingLineInput, Promotion, PromotionKind } from "./types.js";

const promotion = (kind: PromotionKind, value: number): Promotion => ({
  id: "promo-1",
  code: "SAVE",
  kind,
  value,
  minSubtotal: 0,
  startsAt: null,
  endsAt: null,
  usageLimit: null,
  perCustomerLimit: null,
  timesUsed: 0,
  active: true,
  createdAt: new Date("2025-01-01T00:00:00Z"),
});

const line = (sku: string, unitPrice: number, quantity: number, taxClass = "standard"): PricingLineInput => ({
  sku,
  unitPrice,
  quantity,
  taxClass,
});

const input = (overrides: Partial<PricingInput>): PricingInput => ({
  currency: "USD",
  lines: [],
  promotion: null,
  taxRates: { standard: 2000, reduced: 500, zero: 0 },
  shipping: { flatRate: 500, freeOver: 10_000 },
  ...overrides,
});

describe("priceCart", () => {
  it("prices lines, tax per line and flat shipping without a promotion", () => {
    const priced = priceCart(input({ lines: [line("A", 1999, 2), line("B", 1000, 1, "reduced")] }));
    expect(priced.lines).toEqual([
      { sku: "A", quantity: 2, unitPrice: 1999, subtotal: 3998, discount: 0, tax: 800, total: 4798 },
      { sku: "B", quantity: 1, unitPrice: 1000, subtotal: 1000, discount: 0, tax: 50, total: 1050 },
    ]);
    expect(priced.totals).toEqual({ subtotal: 4998, discount: 0, tax: 850, shipping: 500, total: 6348 });
    expect(priced.currency).toBe("USD");
  });

  it("allocates a percent-off discount across lines by largest remainder", () => {
    // 10% of 3000 = 300, split 1:1:1 → exactly 100 each.
    const even = priceCart(
      input({ lines: [line("A", 1000, 1), line("B", 1000, 1), line("C", 1000, 1)], promotion: promotion("percent_off", 1000) }),
    );
    expect(even.lines.map((l) => l.discount)).toEqual([100, 100, 100]);

    // 10 off 3 equal lines: 3.33… each, the leftover unit to the first.
    const fixed = priceCart(
      input({ lines: [line("A", 100, 1), line("B", 100, 1), line("C", 100, 1)], promotion: promotion("fixed_off", 10) }),
    );
    expect(fixed.lines.map((l) => l.discount)).toEqual([4, 3, 3]);
    expect(fixed.totals.discount).toBe(10);
  });

  it("caps a fixed discount at the subtotal and never goes negative", () => {
    const priced = priceCart(
      input({ lines: [line("A", 300, 1)], promotion: promotion("fixed_off", 5000), shipping: { flatRate: 500, freeOver: null } }),
    );
    expect(priced.totals).toEqual({ subtotal: 300, discount: 300, tax: 0, shipping: 500, total: 500 });
  });

  it("taxes the discounted line, rounding half away from zero at line level", () => {
    // (1995 - 0) × 10% = 199.5 → 200
    const priced = priceCart(input({ lines: [line("A", 1995, 1)], taxRates: { standard: 1000 } }));
    expect(priced.lines[0]?.tax).toBe(200);
    // 1000 - 10% = 900, taxed 20% = 180
    const discounted = priceCart(input({ lines: [line("A", 1000, 1)], promotion: promotion("percent_off", 1000) }));
    expect(discounted.lines[0]).toMatchObject({ discount: 100, tax: 180, total: 1080 });
  });

  it("falls back to the standard rate for an unknown tax class, and to 0 without one", () => {
    expect(priceCart(input({ lines: [line("A", 1000, 1, "luxury")] })).lines[0]?.tax).toBe(200);
    expect(priceCart(input({ lines: [line("A", 1000, 1, "luxury")], taxRates: {} })).lines[0]?.tax).toBe(0);
  });

  it("ships free over the threshold after discount, with a free-shipping coupon, or for an empty cart", () => {
    const over = priceCart(input({ lines: [line("A", 10_000, 1)] }));
    expect(over.totals.shipping).toBe(0);
    // 10000 - 10% = 9000 is under the 10000 threshold again.
    const discountedUnder = priceCart(input({ lines: [line("A", 10_000, 1)], promotion: promotion("percent_off", 1000) }));
    expect(discountedUnder.totals.shipping).toBe(500);
    const coupon = priceCart(input({ lines: [line("A", 100, 1)], promotion: promotion("free_shipping", 0) }));
    expect(coupon.totals).toMatchObject({ discount: 0, shipping: 0 });
    const empty = priceCart(input({ lines: [] }));
    expect(empty.totals).toEqual({ subtotal: 0, discount: 0, tax: 0, shipping: 0, total: 0 });
  });

  it("refuses prices and rates that are not non-negative integers: those are bugs, not input", () => {
    expect(() => priceCart(input({ lines: [line("A", 19.99, 1)] }))).toThrow(/unit price of A/);
    expect(() => priceCart(input({ lines: [line("A", 100, -1)] }))).toThrow(/quantity of A/);
    expect(() => priceCart(input({ lines: [line("A", 100, 1)], taxRates: { standard: -5 } }))).toThrow(/tax rate/);
    expect(() => priceCart(input({ lines: [line("A", 100, 1)], shipping: { flatRate: 4.5, freeOver: null } }))).toThrow(/shipping/);
  });
});

const taxClasses = ["standard", "reduced", "zero", "unknown"] as const;

const lineArb = (sku: fc.Arbitrary<string>) =>
  fc.record({
    sku,
    unitPrice: fc.integer({ min: 0, max: 1_000_000 }),
    quantity: fc.integer({ min: 1, max: 999 }),
    taxClass: fc.constantFrom(...taxClasses),
  });

const promotionArb: fc.Arbitrary<Promotion | null> = fc.option(
  fc.oneof(
    fc.integer({ min: 0, max: 15_000 }).map((bp) => promotion("percent_off", bp)),
    fc.integer({ min: 0, max: 1_000_000_000 }).map((v) => promotion("fixed_off", v)),
    fc.constant(promotion("free_shipping", 0)),
  ),
);

const settingsArb = fc.record({
  taxRates: fc.record({ standard: fc.integer({ min: 0, max: 5000 }), reduced: fc.integer({ min: 0, max: 2500 }), zero: fc.constant(0) }),
  shipping: fc.record({ flatRate: fc.integer({ min: 0, max: 5000 }), freeOver: fc.option(fc.integer({ min: 0, max: 1_000_000 })) }),
});

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function expectConsistent(priced: PricedCart): void {
  const { totals, lines } = priced;
  expect(totals.total).toBe(totals.subtotal - totals.discount + totals.tax + totals.shipping);
  expect(totals.subtotal).toBe(sum(lines.map((l) => l.subtotal)));
  expect(totals.discount).toBe(sum(lines.map((l) => l.discount)));
  expect(totals.tax).toBe(sum(lines.map((l) => l.tax)));
  expect(totals.total).toBe(sum(lines.map((l) => l.total)) + totals.shipping);
  expect(totals.discount).toBeLessThanOrEqual(totals.subtotal);
  for (const l of lines) {
    expect(l.subtotal).toBe(l.unitPrice * l.quantity);
    expect(l.total).toBe(l.subtotal - l.discount + l.tax);
    expect(l.discount).toBeLessThanOrEqual(l.subtotal);
    for (const value of [l.subtotal, l.discount, l.tax, l.total]) {
      expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
    }
  }
  for (const value of Object.values(totals)) expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
}

describe("priceCart properties", () => {
  it("totals add up exactly, lines sum to the totals, and nothing is negative", () => {
    fc.assert(
      fc.property(
        fc.array(lineArb(fc.string({ minLength: 1, maxLength: 6 })), { maxLength: 30 }),
        promotionArb,
        settingsArb,
        (lines, promo, settings) => {
          expectConsistent(priceCart(input({ lines, promotion: promo, ...settings })));
        },
      ),
    );
  });

  it("does not depend on line order when line subtotals differ", () => {
    const cartArb = fc
      .uniqueArray(lineArb(fc.constant("")), { minLength: 1, maxLength: 15, selector: (l) => l.unitPrice * l.quantity })
      .map((lines) => lines.map((l, i) => ({ ...l, sku: `SKU-${i}` })))
      .chain((lines) => fc.tuple(fc.constant(lines), fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length })));
    fc.assert(
      fc.property(cartArb, promotionArb, settingsArb, ([lines, shuffled], promo, settings) => {
        const original = priceCart(input({ lines, promotion: promo, ...settings }));
        const reordered = priceCart(input({ lines: shuffled, promotion: promo, ...settings }));
        expect(reordered.totals).toEqual(original.totals);
        const bySku = new Map(original.lines.map((l) => [l.sku, l]));
        for (const l of reordered.lines) expect(l).toEqual(bySku.get(l.sku));
      }),
    );
  });
});

import { describe, expect, it } from "vitest";
import { checkPromotion, normalizeCouponCode } from "./promotion.js";
import type { Promotion } from "./types.js";

const now = new Date("2025-06-15T12:00:00Z");

const base: Promotion = {
  id: "promo-1",
  code: "SUMMER10",
  kind: "percent_off",
  value: 1000,
  minSubtotal: 5000,
  startsAt: new Date("2025-06-01T00:00:00Z"),
  endsAt: new Date("2025-07-01T00:00:00Z"),
  usageLimit: 100,
  perCustomerLimit: 1,
  timesUsed: 10,
  active: true,
  createdAt: new Date("2025-05-01T00:00:00Z"),
};

const ctx = { now, subtotal: 6000, customerRedemptions: 0 };

function reasonOf(promotion: Promotion | null, overrides: Partial<typeof ctx> = {}): string | null {
  const result = checkPromotion(promotion, { ...ctx, ...overrides });
  return result.ok ? null : result.error.reason;
}

describe("checkPromotion", () => {
  it("accepts a coupon inside its window, limits and minimum", () => {
    expect(checkPromotion(base, ctx)).toEqual({ ok: true, value: base });
  });

  it("names why a coupon does not apply", () => {
    expect(reasonOf(null)).toBe("unknown");
    expect(reasonOf({ ...base, active: false })).toBe("inactive");
    expect(reasonOf(base, { now: new Date("2025-05-31T23:59:59Z") })).toBe("not_started");
    expect(reasonOf(base, { now: new Date("2025-07-01T00:00:00Z") })).toBe("expired");
    expect(reasonOf({ ...base, timesUsed: 100 })).toBe("exhausted");
    expect(reasonOf(base, { customerRedemptions: 1 })).toBe("customer_limit");
    expect(reasonOf(base, { subtotal: 4999 })).toBe("minimum_not_met");
  });

  it("treats the window as [startsAt, endsAt) and null bounds and limits as open", () => {
    expect(reasonOf(base, { now: base.startsAt! })).toBeNull();
    expect(reasonOf(base, { now: new Date(base.endsAt!.getTime() - 1) })).toBeNull();
    const open = { ...base, startsAt: null, endsAt: null, usageLimit: null, perCustomerLimit: null, timesUsed: 1e6 };
    expect(reasonOf(open, { now: new Date("2100-01-01T00:00:00Z"), customerRedemptions: 50 })).toBeNull();
    expect(reasonOf(base, { subtotal: 5000 })).toBeNull();
  });

  it("returns the promotion.not_applicable code with a message saying what to do", () => {
    const result = checkPromotion(base, { ...ctx, subtotal: 100, currency: "USD" });
    expect(result).toEqual({
      ok: false,
      error: {
        code: "promotion.not_applicable",
        reason: "minimum_not_met",
        message: "Coupon SUMMER10 needs a subtotal of at least 50.00 USD; add items to use it.",
      },
    });
    const noCurrency = checkPromotion(base, { ...ctx, subtotal: 100 });
    expect(noCurrency.ok ? "" : noCurrency.error.message).toContain("at least 50.00;");
    const unknown = checkPromotion(null, ctx);
    expect(unknown.ok ? "" : unknown.error.message).toMatch(/does not exist/);
  });
});

describe("normalizeCouponCode", () => {
  it("trims and upper-cases", () => {
    expect(normalizeCouponCode("  summer10 ")).toBe("SUMMER10");
    expect(normalizeCouponCode("Save-5")).toBe("SAVE-5");
  });
});

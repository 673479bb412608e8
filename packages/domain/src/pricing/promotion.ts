import { err, ok, type PromotionNotApplicableError, type Result } from "../errors.js";
import { formatMajorUnits } from "../money/money.js";
import type { Promotion } from "./types.js";

export interface PromotionContext {
  readonly now: Date;
  /** Cart subtotal in minor units, before any discount. */
  readonly subtotal: number;
  /** How many times this customer has already used the promotion. */
  readonly customerRedemptions: number;
  /** Store currency, used only to phrase the minimum subtotal in messages. */
  readonly currency?: string;
}

/**
 * Checks that a coupon may be used now on this cart by this customer. The validity window is
 * `[startsAt, endsAt)`; usage limits count redemptions already made.
 */
export function checkPromotion(promotion: Promotion | null, ctx: PromotionContext): Result<Promotion, PromotionNotApplicableError> {
  if (promotion === null) return notApplicable("unknown", "This coupon code does not exist; check the spelling.");
  const { code } = promotion;
  if (!promotion.active) return notApplicable("inactive", `Coupon ${code} is not active.`);
  if (promotion.startsAt !== null && ctx.now.getTime() < promotion.startsAt.getTime()) {
    return notApplicable("not_started", `Coupon ${code} is valid from ${promotion.startsAt.toISOString()}.`);
  }
  if (promotion.endsAt !== null && ctx.now.getTime() >= promotion.endsAt.getTime()) {
    return notApplicable("expired", `Coupon ${code} expired at ${promotion.endsAt.toISOString()}.`);
  }
  if (promotion.usageLimit !== null && promotion.timesUsed >= promotion.usageLimit) {
    return notApplicable("exhausted", `Coupon ${code} has been used up.`);
  }
  if (promotion.perCustomerLimit !== null && ctx.customerRedemptions >= promotion.perCustomerLimit) {
    return notApplicable("customer_limit", `You have already used coupon ${code} the maximum number of times.`);
  }
  if (ctx.subtotal < promotion.minSubtotal) {
    const minimum = `${formatMajorUnits(promotion.minSubtotal, ctx.currency ?? "")}${ctx.currency ? ` ${ctx.currency}` : ""}`;
    return notApplicable("minimum_not_met", `Coupon ${code} needs a subtotal of at least ${minimum}; add items to use it.`);
  }
  return ok(promotion);
}

/** Coupon codes are matched case-insensitively and without surrounding spaces. */
export function normalizeCouponCode(code: string): string {
  return code.trim().toUpperCase();
}

function notApplicable(reason: PromotionNotApplicableError["reason"], message: string): Result<never, PromotionNotApplicableError> {
  return err({ code: "promotion.not_applicable", reason, message });
}

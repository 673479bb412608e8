import { applyCoupon } from "../cart/cart-ops.js";
import { err, ok, type PromotionNotApplicableError, type Result } from "../errors.js";
import { checkPromotion, normalizeCouponCode } from "../pricing/promotion.js";
import { findOrStartCart, type CartOwner } from "./cart-owner.js";
import { loadCartCatalog, priceFromCatalog, type CartCatalog } from "./cart-pricing.js";
import { viewCart, type CartView } from "./cart-view.js";
import type { AppDeps } from "./context.js";

export interface ApplyCouponInput extends CartOwner {
  /** null removes the coupon. */
  readonly code: string | null;
}

/**
 * Puts a coupon on the cart after checking it applies now (`promotion.not_applicable` with the
 * reason otherwise). Later reads re-check it and show it as not applied if that changes.
 */
export class ApplyCoupon {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "ids" | "tokens" | "clock" | "settings">) {}

  async execute(input: ApplyCouponInput): Promise<Result<CartView, PromotionNotApplicableError>> {
    return this.deps.uow.run(async (tx): Promise<Result<CartView, PromotionNotApplicableError>> => {
      const cart = await findOrStartCart(tx, this.deps, input);
      const now = this.deps.clock.now();
      let catalog: CartCatalog | undefined;
      if (input.code !== null) {
        const promotion = await tx.promotions.findByCode(normalizeCouponCode(input.code));
        catalog = await loadCartCatalog(
          tx,
          cart.lines.map((line) => line.sku),
        );
        const { priced } = priceFromCatalog(catalog, this.deps.settings, cart.lines, null);
        const customerRedemptions =
          promotion !== null && cart.customerId !== null ? await tx.promotions.countRedemptions(promotion.id, cart.customerId) : 0;
        const check = checkPromotion(promotion, {
          now,
          subtotal: priced.totals.subtotal,
          customerRedemptions,
          currency: this.deps.settings.currency,
        });
        if (!check.ok) return err(check.error);
      }
      const updated = applyCoupon(cart, input.code, now);
      await tx.carts.save(updated);
      return ok(await viewCart(tx, this.deps, updated, undefined, catalog));
    });
  }
}

import type { Cart } from "../cart/cart.js";
import type { PromotionNotApplicableError } from "../errors.js";
import type { Repositories } from "../ports/unit-of-work.js";
import { checkPromotion } from "../pricing/promotion.js";
import type { Totals } from "../pricing/types.js";
import { loadCartCatalog, priceFromCatalog, type CartCatalog, type DetailedCartLine } from "./cart-pricing.js";
import type { AppDeps } from "./context.js";

export interface CartCoupon {
  readonly code: string;
  /** false when the code is kept on the cart but does not apply now (expired, minimum not met…). */
  readonly applied: boolean;
  readonly reason: PromotionNotApplicableError["reason"] | null;
  readonly message: string | null;
}

/** A cart priced from the server's catalogue, stock and promotions. */
export interface CartView {
  /** null until the first item is added. */
  readonly id: string | null;
  readonly customerId: string | null;
  /** The guest cart token, to be sent back by the client (X-Cart-Token); null for a customer's cart. */
  readonly token: string | null;
  readonly currency: string;
  readonly lines: readonly DetailedCartLine[];
  /** SKUs in the cart that are no longer for sale; they are not priced and checkout ignores them. */
  readonly unavailableSkus: readonly string[];
  readonly coupon: CartCoupon | null;
  readonly totals: Totals;
}

/**
 * Prices `cart` (null: an empty cart) for display. A coupon that does not apply any more is
 * shown as not applied, with the reason, rather than failing the read. `catalog`, when the caller
 * has already loaded it (`loadCartCatalog`) for every SKU of the cart, saves reading it again.
 */
export async function viewCart(
  repos: Pick<Repositories, "products" | "inventory" | "promotions">,
  deps: Pick<AppDeps, "clock" | "settings">,
  cart: Cart | null,
  owner: { readonly customerId: string | null; readonly token: string | null } = { customerId: null, token: null },
  catalog?: CartCatalog,
): Promise<CartView> {
  const lines = cart?.lines ?? [];
  const loaded =
    catalog ??
    (await loadCartCatalog(
      repos,
      lines.map((line) => line.sku),
    ));
  const base = priceFromCatalog(loaded, deps.settings, lines, null);
  let pricing = base;
  let coupon: CartCoupon | null = null;
  if (cart?.couponCode != null) {
    const promotion = await repos.promotions.findByCode(cart.couponCode);
    const customerRedemptions =
      promotion !== null && cart.customerId !== null ? await repos.promotions.countRedemptions(promotion.id, cart.customerId) : 0;
    const check = checkPromotion(promotion, {
      now: deps.clock.now(),
      subtotal: base.priced.totals.subtotal,
      customerRedemptions,
      currency: deps.settings.currency,
    });
    if (check.ok) {
      pricing = priceFromCatalog(loaded, deps.settings, lines, check.value);
      coupon = { code: cart.couponCode, applied: true, reason: null, message: null };
    } else {
      coupon = { code: cart.couponCode, applied: false, reason: check.error.reason, message: check.error.message };
    }
  }
  return {
    id: cart?.id ?? null,
    customerId: cart?.customerId ?? owner.customerId,
    token: cart?.token ?? owner.token,
    currency: pricing.priced.currency,
    lines: pricing.lines,
    unavailableSkus: pricing.unknownSkus,
    coupon,
    totals: pricing.priced.totals,
  };
}

import { err, notFound, ok, type CartLimitError, type NotFoundError, type Result } from "../errors.js";
import { normalizeCouponCode } from "../pricing/promotion.js";
import { MAX_CART_LINES, MAX_LINE_QUANTITY, MIN_LINE_QUANTITY, type Cart, type CartLine } from "./cart.js";

/** An empty cart for a customer (customerId) or a guest (token). */
export function createCart(args: {
  readonly id: string;
  readonly customerId: string | null;
  readonly token: string | null;
  readonly now: Date;
}): Cart {
  return {
    id: args.id,
    customerId: args.customerId,
    token: args.token,
    lines: [],
    couponCode: null,
    createdAt: args.now,
    updatedAt: args.now,
  };
}

/** Adds `quantity` of `sku`, to its existing line if there is one; the line must stay within 1..999 and the cart within 100 lines. */
export function addItem(cart: Cart, sku: string, quantity: number, now: Date): Result<Cart, CartLimitError> {
  if (!Number.isSafeInteger(quantity) || quantity < MIN_LINE_QUANTITY) return err(quantityOutOfRange(quantity));
  const existing = cart.lines.find((line) => line.sku === sku);
  const next = (existing?.quantity ?? 0) + quantity;
  if (next > MAX_LINE_QUANTITY) return err(quantityOutOfRange(next));
  if (existing === undefined) {
    if (cart.lines.length >= MAX_CART_LINES) return err(tooManyLines());
    return ok(withLines(cart, [...cart.lines, { sku, quantity }], now));
  }
  return ok(withLines(cart, replaceQuantity(cart.lines, sku, next), now));
}

/** Sets the quantity of an existing line (1..999); removing is `removeItem`. */
export function setItemQuantity(cart: Cart, sku: string, quantity: number, now: Date): Result<Cart, CartLimitError | NotFoundError> {
  if (!isLineQuantity(quantity)) return err(quantityOutOfRange(quantity));
  if (!cart.lines.some((line) => line.sku === sku)) return err(notFound("cart_item", sku));
  return ok(withLines(cart, replaceQuantity(cart.lines, sku, quantity), now));
}

/** Removes the line of `sku`. */
export function removeItem(cart: Cart, sku: string, now: Date): Result<Cart, NotFoundError> {
  if (!cart.lines.some((line) => line.sku === sku)) return err(notFound("cart_item", sku));
  return ok(
    withLines(
      cart,
      cart.lines.filter((line) => line.sku !== sku),
      now,
    ),
  );
}

/**
 * Folds a guest cart into a customer's cart at login. Quantities of one SKU are summed and capped
 * at 999, guest lines beyond the 100-line limit are dropped, and the customer's coupon wins.
 * Merging never fails: losing a few guest units is better than refusing the login.
 */
export function mergeCarts(target: Cart, guest: Cart, now: Date): Cart {
  const lines = [...target.lines];
  for (const line of guest.lines) {
    const index = lines.findIndex((l) => l.sku === line.sku);
    const existing = lines[index];
    if (existing !== undefined) {
      lines[index] = { sku: line.sku, quantity: Math.min(existing.quantity + line.quantity, MAX_LINE_QUANTITY) };
    } else if (lines.length < MAX_CART_LINES) {
      lines.push({ sku: line.sku, quantity: Math.min(line.quantity, MAX_LINE_QUANTITY) });
    }
  }
  return { ...target, lines, couponCode: target.couponCode ?? guest.couponCode, updatedAt: now };
}

/** Sets (normalized) or clears the coupon code; whether it applies is checked when the cart is priced. */
export function applyCoupon(cart: Cart, code: string | null, now: Date): Cart {
  const normalized = code === null ? "" : normalizeCouponCode(code);
  return { ...cart, couponCode: normalized === "" ? null : normalized, updatedAt: now };
}

const isLineQuantity = (quantity: number): boolean =>
  Number.isSafeInteger(quantity) && quantity >= MIN_LINE_QUANTITY && quantity <= MAX_LINE_QUANTITY;

const replaceQuantity = (lines: readonly CartLine[], sku: string, quantity: number): CartLine[] =>
  lines.map((line) => (line.sku === sku ? { sku, quantity } : line));

const withLines = (cart: Cart, lines: readonly CartLine[], now: Date): Cart => ({ ...cart, lines, updatedAt: now });

const quantityOutOfRange = (quantity: number): CartLimitError => ({
  code: "cart.quantity_out_of_range",
  message: `A cart line holds ${MIN_LINE_QUANTITY} to ${MAX_LINE_QUANTITY} units, this would make ${quantity}; choose a quantity in that range.`,
});

const tooManyLines = (): CartLimitError => ({
  code: "cart.too_many_lines",
  message: `A cart holds at most ${MAX_CART_LINES} different items; remove one before adding another.`,
});

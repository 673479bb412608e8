import { MAX_LINE_QUANTITY, MIN_LINE_QUANTITY, type CartView, type Totals as DomainTotals } from "@emporium/domain";
import { z } from "@hono/zod-openapi";
import { Money, strictBody } from "./common.js";

type MoneyJson = z.infer<typeof Money>;

const money = (amount: number, currency: string): MoneyJson => ({ amount, currency });

export const Totals = z.object({ subtotal: Money, discount: Money, tax: Money, shipping: Money, total: Money }).openapi("Totals");

/** A priced line: what a cart shows now and what an order froze at purchase. */
export const PricedLine = z.object({
  sku: z.string().openapi({ example: "TSHIRT-BLUE-M" }),
  productSlug: z.string().openapi({ example: "classic-tee" }),
  name: z.string(),
  options: z.record(z.string(), z.string()).openapi({ example: { size: "M", colour: "blue" } }),
  quantity: z.number().int(),
  unitPrice: Money,
  subtotal: Money,
  discount: Money,
  tax: Money,
  total: Money,
});

export const CartLine = PricedLine.extend({
  available: z.number().int().openapi({ description: "Units that can be bought now" }),
  inStock: z.boolean().openapi({ description: "Whether `available` covers the quantity" }),
}).openapi("CartLine");

export const CartCoupon = z
  .object({
    code: z.string(),
    applied: z.boolean().openapi({ description: "false when the code is kept but does not apply now" }),
    reason: z.string().nullable().openapi({ description: "Why it does not apply (expired, minimum_not_met…)" }),
    message: z.string().nullable(),
  })
  .openapi("CartCoupon");

export const Cart = z
  .object({
    id: z.string().nullable().openapi({ description: "null until the first item is added" }),
    token: z.string().nullable().openapi({ description: "A guest cart's token, to send back in X-Cart-Token; null for a customer's cart" }),
    currency: z.string(),
    lines: z.array(CartLine),
    unavailableSkus: z.array(z.string()).openapi({ description: "SKUs no longer for sale; not priced, ignored at checkout" }),
    coupon: CartCoupon.nullable(),
    totals: Totals,
  })
  .openapi("Cart");

export type CartJson = z.infer<typeof Cart>;

export const CART_TOKEN_HEADER = "X-Cart-Token";

/** A guest names its cart with the token the server gave it; a signed-in customer's cart needs none. */
export const CartTokenHeaders = z.object({
  "x-cart-token": z.string().min(1).max(256).optional().openapi({ description: "A guest cart's token, as returned in `token`" }),
});

/** Documents the token a response about a guest cart carries. */
export const CART_TOKEN_RESPONSE_HEADER = {
  [CART_TOKEN_HEADER]: { description: "The guest cart's token (guests only)", schema: { type: "string" as const } },
};

const Quantity = z
  .number()
  .int()
  // The range is the domain's rule, answered with 422 cart.quantity_out_of_range; declared here for the document.
  .openapi({ minimum: MIN_LINE_QUANTITY, maximum: MAX_LINE_QUANTITY, example: 1 });

export const AddCartItemBody = strictBody({ sku: z.string().min(1).max(200), quantity: Quantity }).openapi("AddCartItem");
export const UpdateCartItemBody = strictBody({ quantity: Quantity }).openapi("UpdateCartItem");
export const ApplyCouponBody = strictBody({ code: z.string().min(1).max(100).openapi({ example: "WELCOME10" }) }).openapi("ApplyCoupon");

export function toTotalsJson(totals: DomainTotals, currency: string): z.infer<typeof Totals> {
  return {
    subtotal: money(totals.subtotal, currency),
    discount: money(totals.discount, currency),
    tax: money(totals.tax, currency),
    shipping: money(totals.shipping, currency),
    total: money(totals.total, currency),
  };
}

interface PricedLineFields {
  readonly sku: string;
  readonly productSlug: string;
  readonly name: string;
  readonly options: Readonly<Record<string, string>>;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly subtotal: number;
  readonly discount: number;
  readonly tax: number;
  readonly total: number;
}

export function toPricedLineJson(line: PricedLineFields, currency: string): z.infer<typeof PricedLine> {
  return {
    sku: line.sku,
    productSlug: line.productSlug,
    name: line.name,
    options: { ...line.options },
    quantity: line.quantity,
    unitPrice: money(line.unitPrice, currency),
    subtotal: money(line.subtotal, currency),
    discount: money(line.discount, currency),
    tax: money(line.tax, currency),
    total: money(line.total, currency),
  };
}

export function toCartJson(cart: CartView): CartJson {
  return {
    id: cart.id,
    token: cart.token,
    currency: cart.currency,
    lines: cart.lines.map((line) => ({ ...toPricedLineJson(line, cart.currency), available: line.available, inStock: line.inStock })),
    unavailableSkus: [...cart.unavailableSkus],
    coupon: cart.coupon === null ? null : { ...cart.coupon },
    totals: toTotalsJson(cart.totals, cart.currency),
  };
}

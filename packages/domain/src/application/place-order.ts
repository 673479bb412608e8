import type { Cart } from "../cart/cart.js";
import { validateAddress } from "../customers/customer-rules.js";
import type { Address } from "../customers/customer.js";
import {
  err,
  invalid,
  notFound,
  ok,
  type InvalidInputError,
  type NotFoundError,
  type PromotionNotApplicableError,
  type Result,
  type StockInsufficientError,
} from "../errors.js";
import { createReservation } from "../inventory/reservation.js";
import { createOrder } from "../orders/create-order.js";
import type { Order, OrderLine } from "../orders/order.js";
import { checkPromotion, normalizeCouponCode } from "../pricing/promotion.js";
import type { Promotion } from "../pricing/types.js";
import type { Repositories } from "../ports/unit-of-work.js";
import { loadCartCatalog, priceFromCatalog, type CartPricing } from "./cart-pricing.js";
import type { AppDeps } from "./context.js";
import { orderEvent } from "./order-event.js";
import { reserveStock, stockEvents } from "./stock-changes.js";

export interface PlaceOrderInput {
  readonly customerId: string;
  readonly shippingAddress: Address;
  /** Overrides the coupon stored on the cart; an empty string removes it. */
  readonly couponCode?: string | null;
  /** Defaults to the customer's cart. */
  readonly cartId?: string;
}

export type PlaceOrderError = InvalidInputError | NotFoundError | StockInsufficientError | PromotionNotApplicableError;

/**
 * Checkout: turns the customer's cart into a `pending_payment` order in one transaction. It prices
 * the cart from the catalogue, checks and redeems the coupon, reserves every line or none, creates
 * the payment and empties the cart. Any failure (a short SKU, a refused coupon, a throwing payment
 * provider) rolls everything back, so nothing stays reserved and the cart is intact.
 */
export class PlaceOrder {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "clock" | "ids" | "payments" | "settings">) {}

  async execute(input: PlaceOrderInput): Promise<Result<Order, PlaceOrderError>> {
    const issues = validateAddress(input.shippingAddress, "shippingAddress");
    if (issues.length > 0) return err(invalid(...issues));

    return this.deps.uow.run(async (tx): Promise<Result<Order, PlaceOrderError>> => {
      const now = this.deps.clock.now();
      const cart = await this.loadCart(tx, input);
      if (!cart.ok) return cart;
      if (cart.value.lines.length === 0) return err(invalid({ path: "cart", message: "is empty; add items before checking out" }));

      const code = input.couponCode === undefined || input.couponCode === null ? cart.value.couponCode : input.couponCode;
      const priced = await this.price(
        tx,
        cart.value,
        code === null || code.trim() === "" ? null : normalizeCouponCode(code),
        input.customerId,
      );
      if (!priced.ok) return priced;
      const { pricing, promotion } = priced.value;

      // Everything else is written first and the stock last: the stock rows are the ones every
      // checkout of a popular SKU waits for, so they stay locked only until the commit that follows.
      const reservationLines = pricing.lines.map((line) => ({ sku: line.sku, quantity: line.quantity }));
      const reservation = createReservation({
        id: this.deps.ids.next(),
        lines: reservationLines,
        now,
        ttlSeconds: this.deps.settings.reservationTtlSeconds,
      });
      await tx.inventory.insertReservation(reservation);

      const orderId = this.deps.ids.next();
      if (promotion !== null && !(await tx.promotions.redeem(promotion.id, input.customerId, orderId, now))) {
        return err({ code: "promotion.not_applicable", reason: "exhausted", message: `Coupon ${promotion.code} has been used up.` });
      }

      const { totals } = pricing.priced;
      const payment = await this.deps.payments.createPayment({
        orderId,
        amount: totals.total,
        currency: pricing.priced.currency,
        attempt: 1,
        idempotencyKey: `${orderId}:1`,
      });
      const order = createOrder({
        id: orderId,
        number: await tx.orders.nextNumber(),
        customerId: input.customerId,
        currency: pricing.priced.currency,
        lines: pricing.lines.map(toOrderLine),
        totals,
        couponCode: promotion?.code ?? null,
        shippingAddress: input.shippingAddress,
        payment: {
          provider: this.deps.payments.provider,
          paymentId: payment.paymentId,
          status: "pending",
          clientSecret: payment.clientSecret,
          attempts: 0,
        },
        reservationId: reservation.id,
        now,
      });
      await tx.orders.insert(order);
      await tx.carts.save({ ...cart.value, lines: [], couponCode: null, updatedAt: now });

      // A short line fails the checkout: the unit of work rolls back all of the above.
      const reserved = await reserveStock(tx, reservationLines);
      if (!reserved.ok) return reserved;
      await tx.outbox.append([
        orderEvent(this.deps, "order.placed", order, { reservationId: reservation.id }),
        ...stockEvents(this.deps, reserved.value),
      ]);
      return ok(order);
    });
  }

  private async loadCart(tx: Repositories, input: PlaceOrderInput): Promise<Result<Cart, NotFoundError | InvalidInputError>> {
    if (input.cartId === undefined) {
      const cart = await tx.carts.findByCustomerId(input.customerId);
      return cart === null ? err(invalid({ path: "cart", message: "is empty; add items before checking out" })) : ok(cart);
    }
    const cart = await tx.carts.findById(input.cartId);
    // Someone else's cart is reported exactly like a missing one.
    if (cart === null || cart.customerId !== input.customerId) return err(notFound("cart", input.cartId));
    return ok(cart);
  }

  private async price(
    tx: Repositories,
    cart: Cart,
    code: string | null,
    customerId: string,
  ): Promise<Result<{ pricing: CartPricing; promotion: Promotion | null }, InvalidInputError | PromotionNotApplicableError>> {
    const { settings } = this.deps;
    const catalog = await loadCartCatalog(
      tx,
      cart.lines.map((line) => line.sku),
    );
    const plain = priceFromCatalog(catalog, settings, cart.lines, null);
    if (plain.unknownSkus.length > 0) {
      return err(
        invalid(
          ...plain.unknownSkus.map((sku) => ({
            path: `cart.lines[${cart.lines.findIndex((line) => line.sku === sku)}].sku`,
            message: `${sku} is no longer for sale; remove it from the cart`,
          })),
        ),
      );
    }
    if (code === null) return ok({ pricing: plain, promotion: null });

    const found = await tx.promotions.findByCode(code);
    const redemptions = found === null ? 0 : await tx.promotions.countRedemptions(found.id, customerId);
    const checked = checkPromotion(found, {
      now: this.deps.clock.now(),
      subtotal: plain.priced.totals.subtotal,
      customerRedemptions: redemptions,
      currency: settings.currency,
    });
    if (!checked.ok) return checked;
    return ok({ pricing: priceFromCatalog(catalog, settings, cart.lines, checked.value), promotion: checked.value });
  }
}

function toOrderLine(line: CartPricing["lines"][number]): OrderLine {
  return {
    sku: line.sku,
    productId: line.productId,
    productSlug: line.productSlug,
    name: line.name,
    options: line.options,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    subtotal: line.subtotal,
    discount: line.discount,
    tax: line.tax,
    total: line.total,
  };
}

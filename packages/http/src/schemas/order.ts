import type { Order as DomainOrder } from "@emporium/domain";
import { z } from "@hono/zod-openapi";
import { PricedLine, Totals, toPricedLineJson, toTotalsJson } from "./cart.js";
import { strictBody } from "./common.js";
import { Address } from "./customer.js";

export const ORDER_STATUSES = ["pending_payment", "paid", "shipped", "delivered", "cancelled", "refunded"] as const;
const ORDER_EVENTS = ["payment_succeeded", "payment_failed", "cancel", "reservation_expired", "ship", "deliver", "refund"] as const;

export const OrderStatus = z.enum(ORDER_STATUSES).openapi("OrderStatus");

export const OrderLine = PricedLine.openapi("OrderLine", { description: "A line frozen at purchase" });

export const OrderPayment = z
  .object({
    provider: z.string().openapi({ example: "simulated" }),
    paymentId: z.string(),
    status: z.enum(["pending", "succeeded", "failed", "refunded"]),
    clientSecret: z.string().optional().openapi({ description: "Stripe only: for confirming the payment in the browser" }),
    attempts: z.number().int().openapi({ description: "Payment attempts made so far" }),
  })
  .openapi("OrderPayment");

export const OrderTransition = z
  .object({
    from: OrderStatus,
    to: OrderStatus,
    event: z.enum(ORDER_EVENTS),
    at: z.string().openapi({ format: "date-time" }),
    actor: z.string().openapi({ description: "Customer or admin id, or `system`" }),
  })
  .openapi("OrderTransition");

export const Order = z
  .object({
    id: z.string(),
    number: z.string(),
    customerId: z.string(),
    status: OrderStatus,
    currency: z.string(),
    lines: z.array(OrderLine),
    totals: Totals,
    couponCode: z.string().nullable(),
    shippingAddress: Address,
    payment: OrderPayment,
    trackingNumber: z.string().nullable(),
    history: z.array(OrderTransition),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Order");

/** Declares the header the idempotency middleware requires (it answers 422 itself when the key is missing). */
export const IdempotencyHeaders = z.object({
  "idempotency-key": z.string().openapi({ description: "A client-chosen key (a UUID fits), 1 to 255 printable ASCII characters" }),
});

export const CheckoutBody = strictBody({
  shippingAddress: Address,
  couponCode: z.string().max(100).nullable().optional().openapi({ description: "Overrides the cart's coupon; an empty string removes it" }),
}).openapi("Checkout");

export const PayOrderBody = strictBody({
  paymentMethod: z
    .enum(["pm_card_visa", "pm_card_declined"])
    .openapi({ description: "Simulated provider: the visa succeeds, the other is declined" }),
}).openapi("PayOrder");

export type OrderJson = z.infer<typeof Order>;

/** The API form of an order; the reservation id and version stay inside. */
export function toOrderJson(order: DomainOrder): OrderJson {
  const { payment } = order;
  return {
    id: order.id,
    number: order.number,
    customerId: order.customerId,
    status: order.status,
    currency: order.currency,
    lines: order.lines.map((line) => toPricedLineJson(line, order.currency)),
    totals: toTotalsJson(order.totals, order.currency),
    couponCode: order.couponCode,
    shippingAddress: { ...order.shippingAddress },
    payment: {
      provider: payment.provider,
      paymentId: payment.paymentId,
      status: payment.status,
      ...(payment.clientSecret === null ? {} : { clientSecret: payment.clientSecret }),
      attempts: payment.attempts,
    },
    trackingNumber: order.trackingNumber,
    history: order.history.map((step) => ({
      from: step.from,
      to: step.to,
      event: step.event,
      at: step.at.toISOString(),
      actor: step.actor,
    })),
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

import { formatMajorUnits, type Order } from "@emporium/domain";

/**
 * An order as `orders show --json` and `export orders --format jsonl` print it: amounts in
 * minor units with the currency, as the HTTP API does, timestamps in ISO 8601, and without
 * the payment's client secret (it belongs to the customer's browser).
 */
export function orderView(order: Order): Record<string, unknown> {
  const { payment } = order;
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    customerId: order.customerId,
    currency: order.currency,
    lines: order.lines.map((line) => ({ ...line })),
    totals: { ...order.totals },
    couponCode: order.couponCode,
    shippingAddress: { ...order.shippingAddress },
    payment: { provider: payment.provider, paymentId: payment.paymentId, status: payment.status, attempts: payment.attempts },
    trackingNumber: order.trackingNumber,
    history: order.history.map((step) => ({ ...step, at: step.at.toISOString() })),
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

/** An amount of the order's currency as text: `19.99 USD`. */
export const amount = (minor: number, currency: string): string => `${formatMajorUnits(minor, currency)} ${currency}`;

import { createOrder } from "../create-order.js";
import type { Order } from "../order.js";

export const placedAt = new Date("2025-03-01T10:00:00Z");

/** A one-line order just placed, awaiting payment. */
export function placedOrder(): Order {
  return createOrder({
    id: "ord-1",
    number: "EM-000001",
    customerId: "cust-1",
    currency: "USD",
    lines: [
      {
        sku: "TEE-M",
        productId: "prod-1",
        productSlug: "classic-tee",
        name: "Classic Tee",
        options: { size: "M" },
        quantity: 2,
        unitPrice: 1999,
        subtotal: 3998,
        discount: 0,
        tax: 0,
        total: 3998,
      },
    ],
    totals: { subtotal: 3998, discount: 0, tax: 0, shipping: 500, total: 4498 },
    couponCode: null,
    shippingAddress: { name: "Ada", line1: "1 Main St", city: "Springfield", postalCode: "12345", country: "US" },
    payment: { provider: "simulated", paymentId: "pay-1", status: "pending", clientSecret: null, attempts: 0 },
    reservationId: "res-1",
    now: placedAt,
  });
}

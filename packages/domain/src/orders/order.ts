import type { Totals } from "../pricing/types.js";
import type { Address } from "../customers/customer.js";

export type OrderStatus = "pending_payment" | "paid" | "shipped" | "delivered" | "cancelled" | "refunded";

export type OrderEventType = "payment_succeeded" | "payment_failed" | "cancel" | "reservation_expired" | "ship" | "deliver" | "refund";

/** A line frozen at purchase: what was bought and what it cost. */
export interface OrderLine {
  readonly sku: string;
  readonly productId: string;
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

export type PaymentStatus = "pending" | "succeeded" | "failed" | "refunded";

export interface OrderPayment {
  readonly provider: string;
  readonly paymentId: string;
  readonly status: PaymentStatus;
  readonly clientSecret: string | null;
  readonly attempts: number;
}

export interface OrderTransition {
  readonly eventId: string;
  readonly from: OrderStatus;
  readonly to: OrderStatus;
  readonly event: OrderEventType;
  readonly at: Date;
  readonly actor: string;
}

export interface Order {
  readonly id: string;
  readonly number: string;
  readonly customerId: string;
  readonly status: OrderStatus;
  readonly currency: string;
  readonly lines: readonly OrderLine[];
  readonly totals: Totals;
  readonly couponCode: string | null;
  readonly shippingAddress: Address;
  readonly payment: OrderPayment;
  readonly reservationId: string;
  readonly trackingNumber: string | null;
  readonly history: readonly OrderTransition[];
  /** Optimistic concurrency: bumped by every save. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** An event applied to an order. `id` makes the transition idempotent. */
export interface OrderEvent {
  readonly id: string;
  readonly type: OrderEventType;
  readonly at: Date;
  readonly actor: string;
  readonly trackingNumber?: string;
}

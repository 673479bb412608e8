import type { Address } from "../customers/customer.js";
import type { Totals } from "../pricing/types.js";
import type { Order, OrderLine, OrderPayment } from "./order.js";

export interface CreateOrderArgs {
  readonly id: string;
  readonly number: string;
  readonly customerId: string;
  readonly currency: string;
  readonly lines: readonly OrderLine[];
  readonly totals: Totals;
  readonly couponCode: string | null;
  readonly shippingAddress: Address;
  readonly payment: OrderPayment;
  readonly reservationId: string;
  readonly now: Date;
}

/**
 * A freshly placed order: `pending_payment`, version 1, no tracking number. The history holds only
 * steps of the transition table, so it starts empty; `createdAt` records the placing.
 */
export function createOrder(args: CreateOrderArgs): Order {
  return {
    id: args.id,
    number: args.number,
    customerId: args.customerId,
    status: "pending_payment",
    currency: args.currency,
    lines: args.lines,
    totals: args.totals,
    couponCode: args.couponCode,
    shippingAddress: args.shippingAddress,
    payment: args.payment,
    reservationId: args.reservationId,
    trackingNumber: null,
    history: [],
    version: 1,
    createdAt: args.now,
    updatedAt: args.now,
  };
}

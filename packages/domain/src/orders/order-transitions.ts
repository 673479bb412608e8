import type { OrderEventType, OrderStatus } from "./order.js";
import type { TransitionTable } from "./state-machine.js";

/** The order process of DESIGN §2 as plain data. Effects are run by the use cases. */
export const ORDER_TRANSITIONS = {
  pending_payment: {
    payment_succeeded: "paid",
    payment_failed: "pending_payment",
    cancel: "cancelled",
    reservation_expired: "cancelled",
  },
  paid: { ship: "shipped", cancel: "refunded" },
  shipped: { deliver: "delivered", refund: "refunded" },
  delivered: { refund: "refunded" },
} as const satisfies TransitionTable<OrderStatus, OrderEventType>;

export const ORDER_STATUSES: readonly OrderStatus[] = ["pending_payment", "paid", "shipped", "delivered", "cancelled", "refunded"];
export const ORDER_EVENT_TYPES: readonly OrderEventType[] = [
  "payment_succeeded",
  "payment_failed",
  "cancel",
  "reservation_expired",
  "ship",
  "deliver",
  "refund",
];

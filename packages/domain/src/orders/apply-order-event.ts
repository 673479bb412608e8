import { err, invalid, ok, type InvalidInputError, type InvalidTransitionError, type Result } from "../errors.js";
import type { Order, OrderEvent, OrderEventType, OrderPayment, OrderStatus } from "./order.js";
import { ORDER_TRANSITIONS } from "./order-transitions.js";
import { nextState, type TransitionTable } from "./state-machine.js";

// Placing is the start of the lifecycle this module drives, so it is importable from here as well.
export { createOrder, type CreateOrderArgs } from "./create-order.js";

const TABLE: TransitionTable<OrderStatus, OrderEventType> = ORDER_TRANSITIONS;

/**
 * Moves an order along ORDER_TRANSITIONS and records the step in its history. Applying an event
 * whose id is already in the history changes nothing (`changed: false`), so retries are safe.
 * Side effects (stock, payments, notifications) are the caller's.
 */
export function applyOrderEvent(
  order: Order,
  event: OrderEvent,
): Result<{ order: Order; changed: boolean }, InvalidTransitionError | InvalidInputError> {
  if (order.history.some((step) => step.eventId === event.id)) return ok({ order, changed: false });

  const next = nextState(ORDER_TRANSITIONS, order.status, event.type);
  if (!next.ok) {
    return err({
      code: "order.invalid_transition",
      from: order.status,
      event: event.type,
      message: `An order in status ${order.status} does not accept ${event.type}; it accepts ${acceptedEvents(order.status)}.`,
    });
  }

  let trackingNumber = order.trackingNumber;
  if (event.type === "ship") {
    trackingNumber = event.trackingNumber?.trim() ?? "";
    if (trackingNumber === "") return err(invalid({ path: "trackingNumber", message: "a tracking number is required to ship an order" }));
  }

  const to = next.value;
  return ok({
    changed: true,
    order: {
      ...order,
      status: to,
      trackingNumber,
      payment: nextPayment(order.payment, order.status, event.type),
      history: [...order.history, { eventId: event.id, from: order.status, to, event: event.type, at: event.at, actor: event.actor }],
      version: order.version + 1,
      updatedAt: event.at,
    },
  });
}

/** Whether ORDER_TRANSITIONS has a step for `event` from `status`. */
export function canApply(status: OrderStatus, event: OrderEventType): boolean {
  return nextState(ORDER_TRANSITIONS, status, event).ok;
}

function nextPayment(payment: OrderPayment, from: OrderStatus, event: OrderEventType): OrderPayment {
  if (event === "payment_succeeded") return { ...payment, status: "succeeded" };
  if (event === "payment_failed") return { ...payment, status: "failed", attempts: payment.attempts + 1 };
  // Cancelling a paid order refunds it; cancelling an unpaid one leaves nothing to refund.
  if (event === "refund" || (event === "cancel" && from === "paid")) return { ...payment, status: "refunded" };
  return payment;
}

function acceptedEvents(status: OrderStatus): string {
  const events = Object.keys(TABLE[status] ?? {});
  return events.length === 0 ? "no events (it is final)" : events.join(", ");
}

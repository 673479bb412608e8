import { createEvent } from "../events/create-event.js";
import type { DomainEvent, DomainEventType } from "../events/domain-event.js";
import type { Order } from "../orders/order.js";
import type { AppDeps } from "./context.js";

/**
 * An `order.*` event. The payload carries ids and the few figures consumers filter on; a handler
 * that needs more (the customer's email, the lines) reads it, so events never go stale.
 */
export function orderEvent(
  deps: Pick<AppDeps, "ids" | "clock">,
  type: Extract<DomainEventType, `order.${string}`>,
  order: Order,
  extra: Readonly<Record<string, unknown>> = {},
): DomainEvent {
  return createEvent(
    type,
    {
      orderId: order.id,
      number: order.number,
      customerId: order.customerId,
      status: order.status,
      total: order.totals.total,
      currency: order.currency,
      ...extra,
    },
    { id: deps.ids.next(), now: deps.clock.now() },
  );
}

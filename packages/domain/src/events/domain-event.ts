/** The event types other parts of the system care about (DESIGN §7). */
export type DomainEventType =
  | "product.changed"
  | "stock.changed"
  | "stock.low"
  | "order.placed"
  | "order.paid"
  | "order.shipped"
  | "order.delivered"
  | "order.cancelled"
  | "order.refunded"
  | "customer.registered"
  | "password_reset.requested"
  | "payment.webhook_received"
  | "review.posted";

/** An event written to the outbox in the same transaction as the change it describes. */
export interface DomainEvent<P extends Record<string, unknown> = Record<string, unknown>> {
  readonly id: string;
  readonly type: DomainEventType;
  readonly payload: P;
  readonly occurredAt: Date;
}

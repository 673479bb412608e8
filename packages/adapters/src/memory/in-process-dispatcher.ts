import type { DomainEvent, DomainEventType, EventDispatcher } from "@emporium/domain";

export type EventHandler = (event: DomainEvent) => Promise<void> | void;

/**
 * Delivers events to handlers registered in this process (the embedded
 * profile's stand-in for the broker). `dispatch` resolves once every handler
 * has finished and rejects if any failed, so the outbox relay keeps the event
 * and retries it; handlers must therefore be idempotent, as broker consumers are.
 */
export class InProcessDispatcher implements EventDispatcher {
  private readonly handlers = new Map<DomainEventType | "*", EventHandler[]>();

  /** Registers a handler for one event type, or for every type with `"*"`; returns an unsubscribe function. */
  on(type: DomainEventType | "*", handler: EventHandler): () => void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler);
    this.handlers.set(type, list);
    return () => {
      const current = this.handlers.get(type);
      const index = current?.indexOf(handler) ?? -1;
      if (current !== undefined && index >= 0) current.splice(index, 1);
    };
  }

  async dispatch(event: DomainEvent): Promise<void> {
    const targets = [...(this.handlers.get(event.type) ?? []), ...(this.handlers.get("*") ?? [])];
    const outcomes = await Promise.allSettled(targets.map(async (handler) => handler(event)));
    const failures = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as unknown] : []));
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) {
      throw new AggregateError(failures, `${failures.length} handlers failed for ${event.type} event ${event.id}`);
    }
  }
}

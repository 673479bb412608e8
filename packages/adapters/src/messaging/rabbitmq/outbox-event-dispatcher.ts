import type { DomainEvent, EventDispatcher, Outbox } from "@emporium/domain";

/**
 * The production profile's EventDispatcher: dispatching an event is appending it to the outbox.
 * The outbox is the dispatch; the worker's RabbitMqOutboxRelay publishes it and the worker's
 * consumers run the handlers. Inside a unit of work, append to `tx.outbox` instead, so the
 * event commits or rolls back with the change.
 */
export class OutboxEventDispatcher implements EventDispatcher {
  constructor(private readonly outbox: Outbox) {}

  dispatch(event: DomainEvent): Promise<void> {
    return this.outbox.append([event]);
  }
}

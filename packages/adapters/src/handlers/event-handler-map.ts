import type { DomainEvent, DomainEventType } from "@emporium/domain";
import type { InProcessDispatcher } from "../memory/in-process-dispatcher.js";

/** A consumer's handlers by event type: the in-process dispatcher and the worker's queues run the same ones. */
export type EventHandlerMap = Partial<Record<DomainEventType, (event: DomainEvent) => Promise<void>>>;

/** Registers every handler of `handlers` on the dispatcher. */
export function registerHandlers(dispatcher: InProcessDispatcher, handlers: EventHandlerMap): void {
  for (const [type, handler] of Object.entries(handlers) as [DomainEventType, (event: DomainEvent) => Promise<void>][]) {
    dispatcher.on(type, handler);
  }
}

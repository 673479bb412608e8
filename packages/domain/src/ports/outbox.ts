import type { DomainEvent } from "../events/domain-event.js";

/** Appends events inside the unit of work, so they commit or roll back with the change. */
export interface Outbox {
  append(events: readonly DomainEvent[]): Promise<void>;
}

import type { DomainEvent } from "../events/domain-event.js";

/** Delivers committed events to their consumers (in process, or through a broker). */
export interface EventDispatcher {
  dispatch(event: DomainEvent): Promise<void>;
}

import type { DomainEvent, DomainEventType } from "./domain-event.js";

/** A domain event with the id and time supplied by the caller (the domain never reads a clock). */
export function createEvent<P extends Record<string, unknown>>(
  type: DomainEventType,
  payload: P,
  meta: { readonly id: string; readonly now: Date },
): DomainEvent<P> {
  return { id: meta.id, type, payload, occurredAt: meta.now };
}

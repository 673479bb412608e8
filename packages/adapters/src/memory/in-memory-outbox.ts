import type { DomainEvent, Outbox } from "@emporium/domain";
import type { OutboxSource } from "../messaging/in-process/outbox-processor.js";
import type { ClaimedEvent } from "../sql/kysely-outbox-relay.js";
import { copy, type OutboxRecord } from "./memory-state.js";
import type { StateAccess } from "./memory-store.js";

// A parked event is leased until the end of time: never claimed again, still unsent, and `release` revives it.
const PARKED_UNTIL = new Date("9999-12-31T23:59:59.999Z");

/**
 * The outbox table in memory. Inside a unit of work `append` joins the transaction. The instance
 * returned by `createInMemoryPersistence` reads committed events: `pending`/`markSent` for tests,
 * and the leasing `OutboxSource` methods so the in-process OutboxProcessor can drain it.
 */
export class InMemoryOutbox implements Outbox, OutboxSource {
  constructor(private readonly access: StateAccess) {}

  async append(events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.access.write((state) => {
      for (const event of events) {
        state.sequences.outbox += 1;
        state.outbox.push({ seq: state.sequences.outbox, event: copy(event), sentAt: null, attempts: 0, claimedUntil: null });
      }
    });
  }

  /** Unsent events, oldest first, whether or not a relay holds them. */
  async pending(limit: number): Promise<DomainEvent[]> {
    return this.access
      .read()
      .outbox.filter((record) => record.sentAt === null)
      .slice(0, Math.max(0, limit))
      .map((record) => copy(record.event));
  }

  /** Every committed event, sent or not, oldest first. */
  async all(): Promise<DomainEvent[]> {
    return this.access.read().outbox.map((record) => copy(record.event));
  }

  /** Leases the oldest unsent events nobody holds until `now + leaseMs`, counting an attempt on each. */
  async claim(limit: number, leaseMs: number, now: Date = new Date()): Promise<ClaimedEvent[]> {
    return this.access.write((state) => {
      const claimed: ClaimedEvent[] = [];
      state.outbox = state.outbox.map((record) => {
        const free = record.sentAt === null && (record.claimedUntil === null || record.claimedUntil.getTime() <= now.getTime());
        if (!free || claimed.length >= Math.floor(limit)) return record;
        const next: OutboxRecord = { ...record, attempts: record.attempts + 1, claimedUntil: new Date(now.getTime() + leaseMs) };
        claimed.push(toClaimed(next));
        return next;
      });
      return claimed;
    });
  }

  /** Marks events delivered: they are never pending or claimed again. */
  async markSent(ids: readonly string[], at: Date = new Date()): Promise<void> {
    await this.update(ids, (record) => ({ ...record, sentAt: new Date(at), claimedUntil: null }));
  }

  /** Gives claimed (or parked) events back so the next claim retries them. */
  async release(ids: readonly string[]): Promise<void> {
    await this.update(ids, (record) => ({ ...record, claimedUntil: null }));
  }

  /** Takes events out of delivery for good; they stay unsent for inspection and replay. */
  async park(ids: readonly string[]): Promise<void> {
    await this.update(ids, (record) => ({ ...record, claimedUntil: PARKED_UNTIL }));
  }

  private async update(ids: readonly string[], change: (record: OutboxRecord) => OutboxRecord): Promise<void> {
    if (ids.length === 0) return;
    const wanted = new Set(ids);
    await this.access.write((state) => {
      state.outbox = state.outbox.map((record) => (record.sentAt === null && wanted.has(record.event.id) ? change(record) : record));
    });
  }
}

function toClaimed(record: OutboxRecord): ClaimedEvent {
  const { event } = record;
  return {
    seq: record.seq,
    id: event.id,
    type: event.type,
    payload: copy(event.payload),
    createdAt: new Date(event.occurredAt),
    traceId: null,
    attempt: record.attempts,
  };
}

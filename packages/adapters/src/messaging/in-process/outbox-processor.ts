import type { DomainEvent, EventDispatcher } from "@emporium/domain";
import type { Logger } from "../../container/logger.js";
import type { ClaimedEvent } from "../../sql/kysely-outbox-relay.js";

/** What the processor needs from the outbox table (KyselyOutboxRelay, plus a way to park dead events). */
export interface OutboxSource {
  claim(limit: number, leaseMs: number, now?: Date): Promise<ClaimedEvent[]>;
  markSent(ids: readonly string[], at?: Date): Promise<void>;
  release(ids: readonly string[]): Promise<void>;
  /** Takes events out of delivery for good; they stay in the table for inspection and replay. */
  park(ids: readonly string[]): Promise<void>;
}

export interface OutboxProcessorOptions {
  readonly source: OutboxSource;
  readonly dispatcher: EventDispatcher;
  readonly logger: Logger;
  /** Events claimed per query (default 100). */
  readonly batchSize?: number;
  /** How long a claim holds its events; longer than a round takes (default 60 s). */
  readonly leaseMs?: number;
  /** Deliveries of one event before it is parked as dead (default 5). */
  readonly maxAttempts?: number;
}

/**
 * The embedded profile's relay: publishes committed outbox events to in-process handlers.
 * A round claims batches in outbox order until none is left, dispatches the events of a batch
 * together (handlers are idempotent and indifferent to order, as broker consumers are), marks the
 * delivered ones sent and, at the end of the round, gives failed ones back for the next round
 * (the claim counts the attempt). After `maxAttempts` a failing event is logged and parked,
 * so one poisoned event never blocks the others. Rounds never overlap within a process; across
 * processes the relay's leases keep two from delivering the same event at once.
 */
export class OutboxProcessor {
  private readonly source: OutboxSource;
  private readonly dispatcher: EventDispatcher;
  private readonly logger: Logger;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor({ source, dispatcher, logger, batchSize = 100, leaseMs = 60_000, maxAttempts = 5 }: OutboxProcessorOptions) {
    this.source = source;
    this.dispatcher = dispatcher;
    this.logger = logger;
    this.batchSize = batchSize;
    this.leaseMs = leaseMs;
    this.maxAttempts = maxAttempts;
  }

  /** Runs a round every `intervalMs` (measured from the end of the previous one) until `stop()`. */
  start(intervalMs: number): void {
    if (this.running) return;
    this.running = true;
    const tick = () => {
      this.timer = undefined;
      void this.round()
        .catch((error: unknown) => this.logger.error({ err: error }, "outbox round failed; retrying on the next tick"))
        .finally(() => {
          if (this.running) this.schedule(tick, intervalMs);
        });
    };
    this.schedule(tick, 0);
  }

  /** Stops the timer and waits for the round in progress, if any. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.queue.catch(() => undefined);
  }

  /**
   * Runs rounds until one finds nothing to deliver: every event committed before the call (and
   * not leased by another process) has then been delivered or parked. For tests and graceful shutdown.
   */
  async drain(): Promise<void> {
    let claimed: number;
    do {
      claimed = await this.round();
    } while (claimed > 0);
  }

  /** One round, queued behind any round in progress. Returns how many events it claimed. */
  round(): Promise<number> {
    const next = this.queue.catch(() => undefined).then(() => this.deliverAll());
    this.queue = next;
    return next;
  }

  private schedule(tick: () => void, delayMs: number): void {
    this.timer = setTimeout(tick, delayMs);
    // Background delivery alone must not keep a process (a CLI command, a test) alive.
    this.timer.unref();
  }

  private async deliverAll(): Promise<number> {
    const failed: ClaimedEvent[] = [];
    let claimed = 0;
    try {
      for (;;) {
        const batch = await this.source.claim(this.batchSize, this.leaseMs);
        if (batch.length === 0) break;
        claimed += batch.length;
        // Delivered together (started in outbox order), so handlers can share work across the batch.
        const delivered = await Promise.all(batch.map((event) => this.deliver(event)));
        const sent: string[] = [];
        batch.forEach((event, i) => (delivered[i] ? sent.push(event.id) : failed.push(event)));
        await this.source.markSent(sent);
      }
    } finally {
      await this.settleFailures(failed);
    }
    return claimed;
  }

  private async deliver(event: ClaimedEvent): Promise<boolean> {
    try {
      await this.dispatcher.dispatch(toDomainEvent(event));
      return true;
    } catch (error) {
      this.logger.warn(
        { err: error, eventId: event.id, type: event.type, attempt: event.attempt },
        "event handler failed; the event will be retried",
      );
      return false;
    }
  }

  // Failed events stay leased until the round ends, so a round never retries its own failures.
  private async settleFailures(failed: readonly ClaimedEvent[]): Promise<void> {
    const dead = failed.filter((event) => event.attempt >= this.maxAttempts);
    for (const event of dead) {
      this.logger.error(
        { eventId: event.id, type: event.type, attempts: event.attempt, createdAt: event.createdAt.toISOString() },
        `event failed ${event.attempt} times; parked as dead, replay it once the handler is fixed`,
      );
    }
    await this.source.park(dead.map((event) => event.id));
    await this.source.release(failed.filter((event) => event.attempt < this.maxAttempts).map((event) => event.id));
  }
}

function toDomainEvent(event: ClaimedEvent): DomainEvent {
  return { id: event.id, type: event.type, payload: event.payload, occurredAt: event.createdAt };
}

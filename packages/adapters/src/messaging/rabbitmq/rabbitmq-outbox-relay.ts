import type { Logger } from "../../container/logger.js";
import type { KyselyOutboxRelay } from "../../sql/kysely-outbox-relay.js";
import { envelopeOf } from "./event-envelope.js";
import type { RabbitMqPublisher } from "./rabbitmq-publisher.js";

export interface RabbitMqOutboxRelayOptions {
  readonly outbox: Pick<KyselyOutboxRelay, "claim" | "markSent" | "release">;
  readonly publisher: Pick<RabbitMqPublisher, "ready" | "publish">;
  readonly logger: Logger;
  /** Rows claimed and published per batch (default 500). */
  readonly batchSize?: number;
  /** How long a claim holds its rows; longer than a batch takes (default 30 s). */
  readonly leaseMs?: number;
  /** Called with the number of rows each batch published. */
  readonly onPublished?: (count: number) => void;
}

export interface RelayRound {
  readonly claimed: number;
  readonly published: number;
}

/**
 * The production relay: drains the SQL outbox into the events exchange. A batch claims rows in
 * outbox order, publishes them on a confirm channel, marks sent only the ones the broker
 * confirmed and gives the rest back for the next round. Nothing is marked sent that the broker
 * did not take; a confirm lost on the way means the event is published again, which the
 * consumers' de-duplication absorbs. Several relays split the rows through the claim leases.
 */
export class RabbitMqOutboxRelay {
  private readonly outbox: RabbitMqOutboxRelayOptions["outbox"];
  private readonly publisher: RabbitMqOutboxRelayOptions["publisher"];
  private readonly logger: Logger;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly onPublished: (count: number) => void;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopping: Promise<void> = new Promise(() => undefined);
  private signalStop: () => void = () => undefined;

  constructor({ outbox, publisher, logger, batchSize = 500, leaseMs = 30_000, onPublished = () => undefined }: RabbitMqOutboxRelayOptions) {
    this.outbox = outbox;
    this.publisher = publisher;
    this.logger = logger;
    this.batchSize = batchSize;
    this.leaseMs = leaseMs;
    this.onPublished = onPublished;
  }

  /**
   * Runs rounds until `stop()`: the next one `intervalMs` after a round that left nothing
   * behind, and after a backoff (doubling up to `maxBackoffMs`) when the broker failed a batch.
   */
  start(intervalMs = 200, maxBackoffMs = 10_000): void {
    if (this.running) return;
    this.running = true;
    this.stopping = new Promise((resolve) => (this.signalStop = resolve));
    let backoff = intervalMs;
    const tick = () => {
      this.timer = undefined;
      void this.round()
        .then(
          ({ claimed, published }) => {
            backoff = published < claimed ? Math.min(backoff * 2, maxBackoffMs) : intervalMs;
          },
          (error: unknown) => {
            backoff = Math.min(backoff * 2, maxBackoffMs);
            this.logger.error({ err: error, retryInMs: backoff }, "outbox relay round failed; retrying");
          },
        )
        .finally(() => {
          if (!this.running) return;
          this.timer = setTimeout(tick, backoff);
          this.timer.unref();
        });
    };
    tick();
  }

  /** Stops the loop and waits for the batch in progress (a round waiting for the broker gives up). */
  async stop(): Promise<void> {
    this.running = false;
    this.signalStop();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.queue.catch(() => undefined);
  }

  /** One round, queued behind any round in progress: batches until the outbox is empty or a batch is not fully confirmed. */
  round(): Promise<RelayRound> {
    const next = this.queue.catch(() => undefined).then(() => this.relayAll());
    this.queue = next;
    return next;
  }

  /** Rounds until one claims nothing (for tests and shutdown); throws if the broker keeps refusing. */
  async drain(): Promise<void> {
    for (;;) {
      const { claimed, published } = await this.round();
      if (claimed === 0) return;
      if (published < claimed) throw new Error(`the broker confirmed ${published} of ${claimed} events; the rest stay in the outbox`);
    }
  }

  private async relayAll(): Promise<RelayRound> {
    let claimed = 0;
    let published = 0;
    for (;;) {
      // Wait for a channel before claiming, so rows are not leased away during an outage.
      const ready = await Promise.race([this.publisher.ready().then(() => true), this.stopping.then(() => false)]);
      if (!ready) break;
      const batch = await this.outbox.claim(this.batchSize, this.leaseMs);
      if (batch.length === 0) break;
      claimed += batch.length;
      let confirmed: string[] = [];
      try {
        confirmed = await this.publisher.publish(batch.map(envelopeOf));
      } finally {
        const sent = new Set(confirmed);
        await this.outbox.markSent(confirmed);
        await this.outbox.release(batch.filter((event) => !sent.has(event.id)).map((event) => event.id));
      }
      published += confirmed.length;
      if (confirmed.length > 0) this.onPublished(confirmed.length);
      if (confirmed.length < batch.length) {
        this.logger.warn(
          { claimed: batch.length, confirmed: confirmed.length },
          "RabbitMQ did not confirm every event; the rest stay in the outbox for the next round",
        );
        break;
      }
      if (batch.length < this.batchSize) break;
    }
    return { claimed, published };
  }
}

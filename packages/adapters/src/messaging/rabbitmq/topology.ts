import type { Channel } from "amqplib";

/** The task queues of DESIGN §7 and the event types (routing keys) each one receives. */
export const TASK_QUEUE_BINDINGS = {
  "search.index_product": ["product.changed", "stock.changed", "order.paid"],
  // Bound through a wait queue, not directly: see RELEASE_SCHEDULE.
  "inventory.release_expired": [],
  "email.order_confirmation": ["order.placed", "order.shipped"],
  "email.password_reset": ["password_reset.requested"],
  // Not in DESIGN §7's list, but OrderNotifications mails admins on stock.low; without a queue
  // the production profile would drop those alerts that the embedded profile sends.
  "email.low_stock": ["stock.low"],
  "payment.webhook_process": ["payment.webhook_received"],
  "analytics.refresh": ["order.paid", "order.refunded"],
  "recommendations.update": ["order.paid"],
} as const satisfies Record<string, readonly string[]>;

export type TaskQueueName = keyof typeof TASK_QUEUE_BINDINGS;

export const TASK_QUEUE_NAMES = Object.keys(TASK_QUEUE_BINDINGS) as TaskQueueName[];

/**
 * `order.placed` reaches `inventory.release_expired` only once the checkout's reservation is
 * due: it waits in `inventory.release_expired.wait.<ttl>` (a queue TTL of the reservation TTL
 * plus a grace) and is dead-lettered into the work queue then. Every message of that queue has
 * the same TTL, so they expire in arrival order, at the head, on time.
 */
export const RELEASE_SCHEDULE = { queue: "inventory.release_expired", after: ["order.placed"] } as const;

export const EVENTS_EXCHANGE = "emporium.events";

/** Backoff before attempts 2, 3, 4, 5 (and 6 when maxAttempts allows it). */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000, 30_000, 120_000, 600_000];

export const DEFAULT_MAX_ATTEMPTS = 5;

/** The default reservation TTL (15 min) plus 30 s, so the reservation has lapsed when the message arrives. */
export const DEFAULT_RELEASE_AFTER_MS = 15 * 60_000 + 30_000;

export interface TopologyOptions {
  /** Prepended to the exchange and every queue name; tests use a random one. Default "". */
  readonly prefix?: string;
  /** Delay before each retry; the n-th failure waits `retryDelaysMs[n-1]` (the last repeats). */
  readonly retryDelaysMs?: readonly number[];
  /** Deliveries of one message before it is dead-lettered (default 5). */
  readonly maxAttempts?: number;
  /**
   * The quorum queues' `x-delivery-limit`: redeliveries after a consumer died before its ack
   * (the broker, not the consumer, counts those). Default: maxAttempts.
   */
  readonly deliveryLimit?: number;
  /** How long `order.placed` waits before the expiry check (default DEFAULT_RELEASE_AFTER_MS). */
  readonly releaseAfterMs?: number;
}

export interface DelayQueue {
  readonly queue: string;
  readonly delayMs: number;
}

/** One task queue as declared: its work queue, retry queues and dead-letter queue. */
export interface TaskQueue {
  readonly name: TaskQueueName;
  /** The work queue consumers read. */
  readonly queue: string;
  readonly deadLetterQueue: string;
  /** Retry delay queues, shortest first; each dead-letters back into `queue`. */
  readonly retryQueues: readonly DelayQueue[];
  /** Event types bound straight to `queue`. */
  readonly routingKeys: readonly string[];
  /** Event types that reach `queue` only after waiting in this queue. */
  readonly scheduled: (DelayQueue & { readonly routingKeys: readonly string[] }) | null;
}

const quorum = { "x-queue-type": "quorum" };
// Dead-lettering out of a quorum queue is at-most-once unless the queue rejects publishes
// when full (it never is: no length limit is set).
const safeDeadLettering = { "x-dead-letter-strategy": "at-least-once", "x-overflow": "reject-publish" };

/**
 * The RabbitMQ topology of DESIGN §7: a durable topic exchange, and per task queue a quorum
 * work queue bound by event type, retry queues (TTL, then dead-lettered back through the
 * default exchange) and a `<queue>.dlq`. Names carry their TTLs, so a changed delay declares
 * a new queue instead of failing on the old one's arguments. Declaring is idempotent.
 */
export class RabbitMqTopology {
  readonly exchange: string;
  readonly maxAttempts: number;
  readonly deliveryLimit: number;
  readonly queues: readonly TaskQueue[];
  private readonly retryDelaysMs: readonly number[];

  constructor({
    prefix = "",
    retryDelaysMs = DEFAULT_RETRY_DELAYS_MS,
    maxAttempts = DEFAULT_MAX_ATTEMPTS,
    deliveryLimit = maxAttempts,
    releaseAfterMs = DEFAULT_RELEASE_AFTER_MS,
  }: TopologyOptions = {}) {
    if (retryDelaysMs.length === 0) throw new Error("retryDelaysMs needs at least one delay");
    if (maxAttempts < 1) throw new Error(`maxAttempts must be at least 1, got ${maxAttempts}`);
    this.exchange = `${prefix}${EVENTS_EXCHANGE}`;
    this.maxAttempts = maxAttempts;
    this.deliveryLimit = deliveryLimit;
    this.retryDelaysMs = retryDelaysMs;
    // Only the delays a message can reach are declared: maxAttempts deliveries need maxAttempts - 1 waits.
    const usedDelays = [...new Set(Array.from({ length: maxAttempts - 1 }, (_, i) => this.delayBefore(i + 2)))];
    this.queues = TASK_QUEUE_NAMES.map((name) => {
      const queue = `${prefix}${name}`;
      return {
        name,
        queue,
        deadLetterQueue: `${queue}.dlq`,
        retryQueues: usedDelays.map((delayMs) => ({ queue: `${queue}.retry.${duration(delayMs)}`, delayMs })),
        routingKeys: TASK_QUEUE_BINDINGS[name],
        scheduled:
          name === RELEASE_SCHEDULE.queue
            ? { queue: `${queue}.wait.${duration(releaseAfterMs)}`, delayMs: releaseAfterMs, routingKeys: RELEASE_SCHEDULE.after }
            : null,
      };
    });
  }

  queue(name: TaskQueueName): TaskQueue {
    const found = this.queues.find((queue) => queue.name === name);
    if (found === undefined) throw new Error(`unknown queue "${String(name)}"; the queues are ${TASK_QUEUE_NAMES.join(", ")}`);
    return found;
  }

  /** The retry queue a message goes to after failing delivery number `attempt` (1-based). */
  retryQueueAfter(name: TaskQueueName, attempt: number): DelayQueue {
    const delayMs = this.delayBefore(attempt + 1);
    const retry = this.queue(name).retryQueues.find((queue) => queue.delayMs === delayMs);
    if (retry === undefined) throw new Error(`no retry queue after attempt ${attempt} of ${name} (maxAttempts ${this.maxAttempts})`);
    return retry;
  }

  async declare(channel: Channel): Promise<void> {
    await channel.assertExchange(this.exchange, "topic", { durable: true });
    for (const task of this.queues) {
      await channel.assertQueue(task.deadLetterQueue, { durable: true, arguments: quorum });
      await channel.assertQueue(task.queue, {
        durable: true,
        arguments: {
          ...quorum,
          "x-delivery-limit": this.deliveryLimit,
          "x-dead-letter-exchange": "",
          "x-dead-letter-routing-key": task.deadLetterQueue,
          ...safeDeadLettering,
        },
      });
      for (const key of task.routingKeys) await channel.bindQueue(task.queue, this.exchange, key);
      for (const delay of [...task.retryQueues, ...(task.scheduled === null ? [] : [task.scheduled])]) {
        await channel.assertQueue(delay.queue, {
          durable: true,
          arguments: {
            ...quorum,
            "x-message-ttl": delay.delayMs,
            "x-dead-letter-exchange": "",
            "x-dead-letter-routing-key": task.queue,
            ...safeDeadLettering,
          },
        });
      }
      for (const key of task.scheduled?.routingKeys ?? []) await channel.bindQueue(task.scheduled!.queue, this.exchange, key);
    }
  }

  /** Deletes the exchange and every queue, messages included (tests; tearing down a namespace). */
  async remove(channel: Channel): Promise<void> {
    for (const task of this.queues) {
      const delays = [...task.retryQueues, ...(task.scheduled === null ? [] : [task.scheduled])];
      for (const queue of [task.queue, task.deadLetterQueue, ...delays.map((delay) => delay.queue)]) await channel.deleteQueue(queue);
    }
    await channel.deleteExchange(this.exchange);
  }

  private delayBefore(attempt: number): number {
    const index = Math.min(attempt - 2, this.retryDelaysMs.length - 1);
    return this.retryDelaysMs[index]!;
  }
}

/** `1s`, `2m`, `250ms`: the readable TTL in a queue name. */
function duration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1_000 && ms % 1_000 === 0) return `${ms / 1_000}s`;
  return `${ms}ms`;
}

import type { ConfirmChannel, GetMessage } from "amqplib";
import { ATTEMPT_HEADER, DEAD_LETTERED_AT_HEADER, decodeEnvelope, ERROR_HEADER } from "./event-envelope.js";
import type { RabbitMqConnection } from "./rabbitmq-connection.js";
import { publishAll } from "./rabbitmq-publisher.js";
import { TASK_QUEUE_NAMES, type RabbitMqTopology, type TaskQueueName } from "./topology.js";

/** One message of a `<queue>.dlq`, as an admin reads it. */
export interface DeadLetter {
  /** The event id (the message id), null when the message had none. */
  readonly id: string | null;
  readonly type: string | null;
  /** Deliveries it had before it was given up on. */
  readonly attempts: number;
  /** Why: the handler's error, "malformed message: …", or the broker's delivery limit. */
  readonly reason: string;
  readonly deadLetteredAt: Date | null;
  /** The message body as it was (the event envelope, normally). */
  readonly body: string;
}

export interface ReplayOptions {
  /** Only these event ids (default: every dead letter). */
  readonly ids?: readonly string[];
  /** At most this many (default: all). */
  readonly limit?: number;
}

/**
 * The admin side of the dead-letter queues, for `emporium dlq`: count, list (without taking
 * the messages away), replay into the work queue with a fresh attempt count, and purge.
 * Queues are named as in DESIGN §7 (`search.index_product`), not by their `.dlq`.
 */
export class DeadLetters {
  constructor(
    private readonly connection: RabbitMqConnection,
    private readonly topology: RabbitMqTopology,
  ) {}

  /** The queue names `list`, `replay` and `purge` take. */
  queues(): readonly TaskQueueName[] {
    return TASK_QUEUE_NAMES;
  }

  /** Dead letters waiting in each queue's `.dlq`. */
  async counts(): Promise<Record<TaskQueueName, number>> {
    return this.withChannel(async (channel) => {
      const counts = {} as Record<TaskQueueName, number>;
      for (const task of this.topology.queues) counts[task.name] = (await channel.checkQueue(task.deadLetterQueue)).messageCount;
      return counts;
    });
  }

  /** The first `limit` dead letters of `queue`, oldest first; they stay in the queue. */
  async list(queue: TaskQueueName | string, limit = 20): Promise<DeadLetter[]> {
    const { deadLetterQueue } = this.task(queue);
    return this.withChannel(async (channel) => {
      const letters: DeadLetter[] = [];
      while (letters.length < limit) {
        const message = await channel.get(deadLetterQueue, { noAck: false });
        if (message === false) break;
        letters.push(describe(message));
      }
      // Un-acked messages go back to the queue when the channel closes (withChannel closes it).
      return letters;
    });
  }

  /**
   * Moves dead letters of `queue` back into its work queue, attempt reset to 1, each removed
   * from the `.dlq` only once the broker confirmed the copy. Returns how many it moved.
   */
  async replay(queue: TaskQueueName | string, { ids, limit = Infinity }: ReplayOptions = {}): Promise<number> {
    const task = this.task(queue);
    const wanted = ids === undefined ? null : new Set(ids);
    return this.withChannel(async (channel) => {
      // Un-acked messages are not handed out again on this channel, so skipped ones cannot loop;
      // a replayed message that is already back in the .dlq (it failed again) ends the run.
      const replayedKeys = new Set<string>();
      let replayed = 0;
      while (replayed < limit) {
        const message = await channel.get(task.deadLetterQueue, { noAck: false });
        if (message === false) break;
        const key = keyOf(message);
        if (replayedKeys.has(key)) break;
        if (wanted !== null && !wanted.has(String(message.properties.messageId))) continue;
        const [confirmed] = await publishAll(channel, [{ exchange: "", routingKey: task.queue, ...freshCopy(message) }]);
        if (!confirmed)
          throw new Error(`RabbitMQ did not confirm a replayed message to ${task.queue}; it stays in ${task.deadLetterQueue}`);
        channel.ack(message);
        replayedKeys.add(key);
        replayed += 1;
      }
      return replayed;
    });
  }

  /** Deletes every dead letter of `queue`; returns how many. */
  async purge(queue: TaskQueueName | string): Promise<number> {
    const { deadLetterQueue } = this.task(queue);
    return this.withChannel(async (channel) => (await channel.purgeQueue(deadLetterQueue)).messageCount);
  }

  private task(queue: string) {
    if (!(TASK_QUEUE_NAMES as readonly string[]).includes(queue)) {
      throw new Error(`unknown queue "${queue}"; the queues are ${TASK_QUEUE_NAMES.join(", ")}`);
    }
    return this.topology.queue(queue as TaskQueueName);
  }

  private async withChannel<T>(work: (channel: ConfirmChannel) => Promise<T>): Promise<T> {
    const channel = await this.connection.createConfirmChannel();
    try {
      return await work(channel);
    } finally {
      await channel.close().catch(() => undefined);
    }
  }
}

function describe(message: GetMessage): DeadLetter {
  const headers = message.properties.headers ?? {};
  const body = message.content.toString("utf8");
  const decoded = decodeEnvelope(message.content);
  const attempts = headers[ATTEMPT_HEADER];
  const at = headers[DEAD_LETTERED_AT_HEADER];
  return {
    id: typeof message.properties.messageId === "string" ? message.properties.messageId : decoded.ok ? decoded.envelope.id : null,
    type: typeof message.properties.type === "string" ? message.properties.type : decoded.ok ? decoded.envelope.type : null,
    attempts: typeof attempts === "number" ? attempts : decoded.ok ? decoded.envelope.attempt : 1,
    reason: reasonOf(headers),
    deadLetteredAt: typeof at === "string" ? new Date(at) : deathTime(headers),
    body,
  };
}

function reasonOf(headers: Record<string, unknown>): string {
  const error = headers[ERROR_HEADER];
  if (typeof error === "string") return error;
  // Moved by the broker itself: the consumer died before acking, x-delivery-limit times.
  const reason = headers["x-first-death-reason"];
  if (reason === "delivery_limit") return "the broker's delivery limit was reached (consumers kept dying before acking it)";
  return typeof reason === "string" ? `dead-lettered by the broker: ${reason}` : "unknown";
}

function deathTime(headers: Record<string, unknown>): Date | null {
  const deaths = headers["x-death"];
  const time = Array.isArray(deaths) ? (deaths[0] as { time?: { value?: number } } | undefined)?.time?.value : undefined;
  return typeof time === "number" ? new Date(time * 1000) : null;
}

function keyOf(message: GetMessage): string {
  const id = message.properties.messageId;
  return typeof id === "string" ? `id:${id}` : `body:${message.content.toString("base64")}`;
}

// The replayed message starts over: attempt 1 in the body and header, no dead-letter marks.
function freshCopy(message: GetMessage) {
  const decoded = decodeEnvelope(message.content);
  const content = decoded.ok ? Buffer.from(JSON.stringify({ ...decoded.envelope, attempt: 1 })) : message.content;
  const { messageId, type, contentType, timestamp } = message.properties;
  return {
    content,
    options: { persistent: true, messageId, type, contentType, timestamp, headers: { [ATTEMPT_HEADER]: 1 } },
  };
}

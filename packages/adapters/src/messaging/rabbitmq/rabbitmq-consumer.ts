import type { DomainEvent } from "@emporium/domain";
import type { ConfirmChannel, ConsumeMessage } from "amqplib";
import type { Logger } from "../../container/logger.js";
import { ATTEMPT_HEADER, attemptOf, DEAD_LETTERED_AT_HEADER, decodeEnvelope, ERROR_HEADER, toDomainEvent } from "./event-envelope.js";
import { publishAll } from "./rabbitmq-publisher.js";
import type { RabbitMqConnection } from "./rabbitmq-connection.js";
import type { RabbitMqTopology, TaskQueueName } from "./topology.js";

/** Handles one event type on a queue; throwing asks for a retry. */
export type QueueHandler = (event: DomainEvent) => Promise<void>;

/** What a consumer reports, for metrics. */
export interface ConsumerObserver {
  processed(queue: TaskQueueName, seconds: number): void;
  retried(queue: TaskQueueName): void;
  deadLettered(queue: TaskQueueName): void;
}

export interface RabbitMqConsumerOptions {
  readonly connection: RabbitMqConnection;
  readonly topology: RabbitMqTopology;
  readonly queue: TaskQueueName;
  /** By event type; a type without a handler is dead-lettered (it was routed here by mistake). */
  readonly handlers: Readonly<Record<string, QueueHandler>>;
  readonly logger: Logger;
  /** Unacknowledged messages in flight at once (default 10); they are handled concurrently. */
  readonly prefetch?: number;
  readonly observer?: ConsumerObserver;
}

/**
 * Consumes one task queue with manual acks. Success → ack. Failure of delivery n → the message
 * is republished (confirmed) to the retry queue for n with attempt n+1, then the original is
 * acked; failure of the last attempt, a body that is not an envelope, or a type without a
 * handler → `<queue>.dlq` with the reason in a header. A consumer that dies before its ack
 * leaves the message to the broker, which redelivers it (the handlers are idempotent) and
 * dead-letters it itself past `x-delivery-limit`. After the connection comes back, the
 * channel is opened again and consuming resumes.
 */
export class RabbitMqConsumer {
  private readonly options: RabbitMqConsumerOptions;
  private readonly inFlight = new Set<Promise<void>>();
  private channel: ConfirmChannel | null = null;
  private consumerTag: string | null = null;
  private running = false;
  private opening: Promise<void> | null = null;

  constructor(options: RabbitMqConsumerOptions) {
    this.options = options;
  }

  get queue(): TaskQueueName {
    return this.options.queue;
  }

  /** Opens a channel and starts consuming; resolves once the broker has registered the consumer. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.open();
  }

  /** Stops taking messages, waits for the ones in flight to be handled and acked, closes the channel. */
  async stop(): Promise<void> {
    this.running = false;
    // While the broker is away a pending subscribe waits for a connection that may never come;
    // it closes its channel itself when it finds the consumer stopped.
    if (this.options.connection.isConnected()) await this.opening?.catch(() => undefined);
    const channel = this.channel;
    if (channel !== null && this.consumerTag !== null) await channel.cancel(this.consumerTag).catch(() => undefined);
    this.consumerTag = null;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    this.channel = null;
    await channel?.close().catch(() => undefined);
  }

  private open(): Promise<void> {
    this.opening ??= this.subscribe().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private async subscribe(): Promise<void> {
    const { connection, topology, queue, prefetch = 10 } = this.options;
    const channel = await connection.createConfirmChannel();
    if (!this.running) {
      await channel.close().catch(() => undefined);
      return;
    }
    channel.once("close", () => this.closed(channel));
    await channel.prefetch(prefetch);
    const { consumerTag } = await channel.consume(topology.queue(queue).queue, (message) => {
      if (message === null) {
        // The broker cancelled the consumer (its queue was deleted): start over on a new channel.
        this.options.logger.warn({ queue }, "RabbitMQ cancelled the consumer; subscribing again");
        void channel.close().catch(() => undefined);
        return;
      }
      this.track(this.handle(channel, message));
    });
    this.channel = channel;
    this.consumerTag = consumerTag;
    if (!this.running) {
      this.channel = null;
      this.consumerTag = null;
      await channel.close().catch(() => undefined);
    }
  }

  // The channel died (with its connection, usually): open another once a connection is back.
  private closed(channel: ConfirmChannel): void {
    if (this.channel === channel) {
      this.channel = null;
      this.consumerTag = null;
    }
    void this.resume();
  }

  // A channel closing with its connection can be seen before the connection's own close, so the
  // first attempts may still meet the dying connection: retry with backoff until one holds.
  private async resume(): Promise<void> {
    for (let attempt = 0; this.running && !this.options.connection.isClosed(); attempt += 1) {
      try {
        await this.open();
        return;
      } catch (error) {
        const delayMs = Math.min(50 * 2 ** attempt, 5_000);
        this.options.logger.warn({ err: error, queue: this.options.queue, retryInMs: delayMs }, "could not resume consuming yet");
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  private track(work: Promise<void>): void {
    // The message stays unacked on an unexpected failure here; the broker redelivers it.
    const guarded = work.catch((error: unknown) => {
      this.options.logger.error({ err: error, queue: this.options.queue }, "could not settle a message; the broker will redeliver it");
    });
    this.inFlight.add(guarded);
    void guarded.finally(() => this.inFlight.delete(guarded));
  }

  private async handle(channel: ConfirmChannel, message: ConsumeMessage): Promise<void> {
    const { queue, topology, logger, observer } = this.options;
    const decoded = decodeEnvelope(message.content);
    if (!decoded.ok) {
      await this.deadLetter(channel, message, `malformed message: ${decoded.problem}`, attemptHeader(message));
      return;
    }
    const { envelope } = decoded;
    const attempt = attemptOf(message.properties.headers, envelope);
    const fields = {
      job_id: `${queue}:${envelope.id}`,
      trace_id: envelope.traceId,
      queue,
      event_id: envelope.id,
      type: envelope.type,
      attempt,
    };
    const handler = this.options.handlers[envelope.type];
    if (handler === undefined) {
      await this.deadLetter(channel, message, `no handler for ${envelope.type} on ${queue}`, attempt, fields);
      return;
    }
    const started = process.hrtime.bigint();
    try {
      await handler(toDomainEvent(envelope));
    } catch (error) {
      const reason = firstLine(error);
      if (attempt >= topology.maxAttempts) {
        await this.deadLetter(channel, message, `failed ${attempt} times: ${reason}`, attempt, fields);
        return;
      }
      const retry = topology.retryQueueAfter(queue, attempt);
      const sent = await this.republish(channel, message, retry.queue, { ...envelope, attempt: attempt + 1 }, {});
      if (sent) {
        observer?.retried(queue);
        logger.warn({ ...fields, err: error, retryInMs: retry.delayMs }, "job failed; retrying after a delay");
      }
      return;
    }
    settle(channel, message, "ack");
    observer?.processed(queue, Number(process.hrtime.bigint() - started) / 1e9);
    logger.debug(fields, "job done");
  }

  private async deadLetter(
    channel: ConfirmChannel,
    message: ConsumeMessage,
    reason: string,
    attempt: number,
    fields: Record<string, unknown> = { queue: this.options.queue, messageId: message.properties.messageId },
  ): Promise<void> {
    const { queue, topology, logger, observer } = this.options;
    const headers = { [ERROR_HEADER]: reason.slice(0, 1000), [DEAD_LETTERED_AT_HEADER]: new Date().toISOString() };
    const sent = await this.republish(channel, message, topology.queue(queue).deadLetterQueue, null, {
      ...headers,
      [ATTEMPT_HEADER]: attempt,
    });
    if (!sent) return;
    observer?.deadLettered(queue);
    logger.error(
      { ...fields, reason },
      `job dead-lettered to ${topology.queue(queue).deadLetterQueue}; replay it with \`emporium dlq replay ${queue}\``,
    );
  }

  /**
   * Publishes a copy (with `envelope` as the new body, or the original body) to `target`, and
   * acks the original once the broker confirmed the copy. If the copy is not confirmed the
   * original is left unacked: the broker redelivers it, so nothing is lost.
   */
  private async republish(
    channel: ConfirmChannel,
    message: ConsumeMessage,
    target: string,
    envelope: { attempt: number } | null,
    headers: Record<string, unknown>,
  ): Promise<boolean> {
    const { properties } = message;
    const content = envelope === null ? message.content : Buffer.from(JSON.stringify(envelope));
    const [confirmed] = await publishAll(channel, [
      {
        exchange: "",
        routingKey: target,
        content,
        options: {
          persistent: true,
          messageId: properties.messageId,
          type: properties.type,
          contentType: properties.contentType,
          timestamp: properties.timestamp,
          headers: { [ATTEMPT_HEADER]: envelope?.attempt ?? attemptHeader(message), ...headers },
        },
      },
    ]);
    if (!confirmed) {
      this.options.logger.warn(
        { queue: this.options.queue, messageId: properties.messageId, target },
        "could not move a message; the broker will redeliver it",
      );
      settle(channel, message, "requeue");
      return false;
    }
    settle(channel, message, "ack");
    return true;
  }
}

// Acking on a channel that has closed throws; the broker then redelivers the message anyway.
function settle(channel: ConfirmChannel, message: ConsumeMessage, how: "ack" | "requeue"): void {
  try {
    if (how === "ack") channel.ack(message);
    else channel.nack(message, false, true);
  } catch {
    return;
  }
}

function attemptHeader(message: ConsumeMessage): number {
  const value = message.properties.headers?.[ATTEMPT_HEADER];
  return typeof value === "number" ? value : 1;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

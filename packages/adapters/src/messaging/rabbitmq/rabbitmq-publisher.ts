import type { ConfirmChannel, Options } from "amqplib";
import { encodeEnvelope, publishOptions, type EventEnvelope } from "./event-envelope.js";
import type { RabbitMqConnection } from "./rabbitmq-connection.js";

/**
 * Publishes on a confirm channel and reports what the broker confirmed: a message counts as
 * published only once the broker has taken responsibility for it. The channel is opened on
 * first use and again after it dies (with its connection, or a channel error).
 */
export class RabbitMqPublisher {
  private channel: Promise<ConfirmChannel> | null = null;

  constructor(
    private readonly connection: RabbitMqConnection,
    private readonly exchange: string,
  ) {}

  /** Resolves once a channel is open: waits through a broker outage. */
  async ready(): Promise<void> {
    await this.openChannel();
  }

  /**
   * Publishes each envelope to the events exchange, routed by its type, in order, and waits
   * for the broker's confirms. Resolves with the ids confirmed; the others (nacked, or lost with
   * the channel) were not published as far as the caller can know.
   */
  async publish(envelopes: readonly EventEnvelope[]): Promise<string[]> {
    if (envelopes.length === 0) return [];
    const channel = await this.openChannel();
    const outcomes = await publishAll(
      channel,
      envelopes.map((envelope) => ({
        exchange: this.exchange,
        routingKey: envelope.type,
        content: encodeEnvelope(envelope),
        options: publishOptions(envelope),
      })),
    );
    return envelopes.filter((_, index) => outcomes[index]).map((envelope) => envelope.id);
  }

  /** Closes the channel (the connection stays open). */
  async close(): Promise<void> {
    const channel = this.channel;
    this.channel = null;
    if (channel !== null) await (await channel.catch(() => null))?.close().catch(() => undefined);
  }

  private openChannel(): Promise<ConfirmChannel> {
    if (this.channel !== null) return this.channel;
    const opening = this.connection.createConfirmChannel().then((channel) => {
      channel.once("close", () => {
        if (this.channel === opening) this.channel = null;
      });
      return channel;
    });
    opening.catch(() => {
      if (this.channel === opening) this.channel = null;
    });
    this.channel = opening;
    return opening;
  }
}

export interface OutgoingMessage {
  readonly exchange: string;
  readonly routingKey: string;
  readonly content: Buffer;
  readonly options: Options.Publish;
}

/**
 * Publishes every message on `channel` and waits for each confirm. One boolean per message:
 * true when confirmed. A closed channel fails the message in flight and every later one.
 */
export async function publishAll(channel: ConfirmChannel, messages: readonly OutgoingMessage[]): Promise<boolean[]> {
  const confirms: Promise<boolean>[] = [];
  let closed = false;
  const onClose = () => {
    closed = true;
  };
  channel.once("close", onClose);
  try {
    for (const message of messages) {
      if (closed) {
        confirms.push(Promise.resolve(false));
        continue;
      }
      let confirmed!: (ok: boolean) => void;
      confirms.push(new Promise<boolean>((resolve) => (confirmed = resolve)));
      let flowing: boolean;
      try {
        flowing = channel.publish(message.exchange, message.routingKey, message.content, message.options, (error) =>
          confirmed(error == null),
        );
      } catch {
        // Publishing on a channel that has just closed throws instead of calling back.
        confirmed(false);
        closed = true;
        continue;
      }
      if (!flowing) await drained(channel);
    }
    return await Promise.all(confirms);
  } finally {
    channel.removeListener("close", onClose);
  }
}

// The socket buffer is full: wait until it drains (or the channel dies, which fails the rest).
function drained(channel: ConfirmChannel): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      channel.removeListener("drain", done);
      channel.removeListener("close", done);
      resolve();
    };
    channel.once("drain", done);
    channel.once("close", done);
  });
}

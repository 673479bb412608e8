import type { ChannelModel, ConfirmChannel, RecoveringChannelModel } from "amqplib";
import type { Logger } from "../../container/logger.js";
import type { RabbitMqTopology } from "./topology.js";

export interface RabbitMqConnectionOptions {
  /** AMQP_URL. */
  readonly url: string;
  /** Declared on every (re)connect, before any channel is handed out. */
  readonly topology: RabbitMqTopology;
  readonly logger: Logger;
  /** First reconnect delay (default 200 ms); it doubles on each failure… */
  readonly initialDelayMs?: number;
  /** …up to this cap (default 10 s). */
  readonly maxDelayMs?: number;
  /** Failed attempts before the first connection is given up (default 10, about a minute). */
  readonly initialRetries?: number;
  /** Shown in the broker's connection list. */
  readonly connectionName?: string;
}

/**
 * One AMQP connection that outlives the broker going away: amqplib's opt-in recovery reconnects
 * with capped exponential backoff (amqplib does nothing of the kind by default), the topology
 * is re-declared on every connect, and `createConfirmChannel` waits for a live connection.
 * Channels die with their connection; their owners open new ones when they see them close.
 */
export class RabbitMqConnection {
  private connected = false;
  private closed = false;

  private constructor(
    private readonly model: RecoveringChannelModel,
    private readonly logger: Logger,
  ) {}

  /**
   * Connects and declares the topology. Rejects with one line naming AMQP_URL (without its
   * password) when the broker cannot be reached within `initialRetries` attempts.
   */
  static async open({
    url,
    topology,
    logger,
    initialDelayMs = 200,
    maxDelayMs = 10_000,
    initialRetries = 10,
    connectionName = "emporium",
  }: RabbitMqConnectionOptions): Promise<RabbitMqConnection> {
    // Loaded here, not at start-up: a shop without AMQP_URL never needs amqplib.
    const { connect } = await import("amqplib");
    const model = await connect(url, {
      clientProperties: { connection_name: connectionName },
      recovery: {
        initialDelay: initialDelayMs,
        maxDelay: maxDelayMs,
        initialMaxRetries: initialRetries,
        maxRetries: Infinity,
        waitForConnect: false,
        setup: (raw: ChannelModel) => declareOn(raw, topology),
      },
    });
    const connection = new RabbitMqConnection(model, logger);
    connection.listen();
    try {
      await model.waitForConnect();
    } catch (error) {
      await model.close().catch(() => undefined);
      throw new Error(`cannot connect to RabbitMQ at AMQP_URL ${redactUrl(url)}: ${firstLine(error)}`, { cause: error });
    }
    return connection;
  }

  /** A new confirm channel, once a connection is up (waits through an outage; rejects once closed). */
  async createConfirmChannel(): Promise<ConfirmChannel> {
    const channel = await this.model.createConfirmChannel();
    // Every publish awaiting its confirm listens for 'close'; a busy channel has many at once.
    channel.setMaxListeners(0);
    // Without a listener an 'error' event would be thrown; the owner learns of it through 'close'.
    channel.on("error", (error: Error) => this.logger.warn({ err: error }, "RabbitMQ channel failed"));
    return channel;
  }

  isConnected(): boolean {
    return this.connected;
  }

  isClosed(): boolean {
    return this.closed;
  }

  /** Closes the connection and stops reconnecting. Channel waiters reject. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.connected = false;
    await this.model.close();
  }

  private listen(): void {
    let connects = 0;
    this.model.on("connect", () => {
      this.connected = true;
      connects += 1;
      if (connects === 1) {
        this.logger.info({}, "connected to RabbitMQ; topology declared");
        return;
      }
      this.logger.info({ reconnects: connects - 1 }, "reconnected to RabbitMQ; topology declared again");
    });
    this.model.on("disconnect", (error: Error) => {
      this.connected = false;
      this.logger.warn({ err: error }, "lost the RabbitMQ connection; reconnecting");
    });
    this.model.on("reconnect-scheduled", ({ attempt, delay, error }: { attempt: number; delay: number; error: Error }) => {
      this.logger.warn({ attempt, delayMs: delay, reason: firstLine(error) }, "RabbitMQ unreachable; retrying");
    });
    this.model.on("reconnect-failed", (error: Error) => {
      this.connected = false;
      this.logger.error({ err: error }, "gave up reconnecting to RabbitMQ");
    });
    this.model.on("error", (error: Error) => this.logger.warn({ err: error }, "RabbitMQ connection error"));
    this.model.on("blocked", (reason: string) => this.logger.warn({ reason }, "RabbitMQ blocked publishing (resource alarm)"));
    this.model.on("unblocked", () => this.logger.info({}, "RabbitMQ unblocked publishing"));
  }
}

async function declareOn(model: ChannelModel, topology: RabbitMqTopology): Promise<void> {
  const channel = await model.createChannel();
  channel.on("error", () => undefined);
  try {
    await topology.declare(channel);
  } finally {
    await channel.close().catch(() => undefined);
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

// Hides the password of an AMQP URL.
function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");
}

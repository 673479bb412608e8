import type { Config } from "../../config.js";
import { silentLogger, type Logger } from "../../container/logger.js";
import { DeadLetters } from "./dead-letters.js";
import { RabbitMqConnection } from "./rabbitmq-connection.js";
import { RabbitMqTopology, type TopologyOptions } from "./topology.js";

export const AMQP_URL_MISSING =
  "AMQP_URL must be set (e.g. amqp://guest:guest@127.0.0.1:5672): the worker and dead-letter commands need RabbitMQ";

/** The topology the configuration implies: `order.placed` waits out the reservation TTL plus 30 s. */
export function topologyFromConfig(config: Config, overrides: TopologyOptions = {}): RabbitMqTopology {
  return new RabbitMqTopology({ releaseAfterMs: config.shop.reservationTtlSeconds * 1000 + 30_000, ...overrides });
}

export interface OpenRabbitMqOptions {
  readonly logger?: Logger;
  readonly topology?: TopologyOptions;
  readonly connectionName?: string;
  /** Attempts before giving up on the first connection (default 10). */
  readonly initialRetries?: number;
}

export interface OpenRabbitMq {
  readonly connection: RabbitMqConnection;
  readonly topology: RabbitMqTopology;
}

/** Connects to AMQP_URL and declares the topology; one clear line when AMQP_URL is unset or unreachable. */
export async function openRabbitMq(config: Config, options: OpenRabbitMqOptions = {}): Promise<OpenRabbitMq> {
  if (config.amqpUrl === null) throw new Error(AMQP_URL_MISSING);
  const topology = topologyFromConfig(config, options.topology);
  const connection = await RabbitMqConnection.open({
    url: config.amqpUrl,
    topology,
    logger: options.logger ?? silentLogger,
    ...(options.connectionName === undefined ? {} : { connectionName: options.connectionName }),
    ...(options.initialRetries === undefined ? {} : { initialRetries: options.initialRetries }),
  });
  return { connection, topology };
}

/** For `emporium dlq`: the DeadLetters admin API over its own connection, and how to close it. */
export async function openDeadLetters(
  config: Config,
  options: OpenRabbitMqOptions = {},
): Promise<{ readonly deadLetters: DeadLetters; close(): Promise<void> }> {
  const { connection, topology } = await openRabbitMq(config, { connectionName: "emporium-cli", initialRetries: 3, ...options });
  return { deadLetters: new DeadLetters(connection, topology), close: () => connection.close() };
}

import { randomBytes } from "node:crypto";
import { connect } from "amqplib";
import { silentLogger, type Logger } from "../../../container/logger.js";
import { RabbitMqConnection } from "../rabbitmq-connection.js";
import { RabbitMqTopology, type TopologyOptions } from "../topology.js";

/** The RabbitMQ the tests use: TEST_AMQP_URL, or the local broker of DESIGN §11. */
export const TEST_AMQP_URL = process.env.TEST_AMQP_URL ?? "amqp://guest:guest@127.0.0.1:5672";

let availability: Promise<string | null> | undefined;

/**
 * Null when the test broker answers; otherwise why not, in one line. With `CI=true` an
 * unreachable broker is a failure (it throws), not a reason to skip.
 */
export function rabbitMqUnavailable(): Promise<string | null> {
  availability ??= probe().then((reason) => {
    if (reason !== null && process.env.CI === "true") throw new Error(`RabbitMQ is required when CI=true: ${reason}`);
    return reason;
  });
  return availability;
}

async function probe(): Promise<string | null> {
  try {
    const model = await connect(TEST_AMQP_URL, { timeout: 2000 });
    await model.close();
    return null;
  } catch (error) {
    return `RabbitMQ at ${TEST_AMQP_URL.replace(/:[^:@/]*@/, ":***@")} is unreachable (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** A prefix of its own for one test's exchange and queues, e.g. `t-3f9a1c.`. */
export const uniquePrefix = (): string => `t-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}.`;

/** Short delays so retries run in milliseconds. */
export const FAST_RETRIES: TopologyOptions = { retryDelaysMs: [20, 40, 60, 80, 100] };

export interface TestBroker {
  readonly topology: RabbitMqTopology;
  readonly connection: RabbitMqConnection;
  /** Another connection to the same broker and topology (consumers that get killed, say). */
  connect(options?: { url?: string; logger?: Logger; name?: string }): Promise<RabbitMqConnection>;
  /** Deletes the test's exchange and queues and closes every connection it opened. */
  remove(): Promise<void>;
}

/** A fresh topology under a unique prefix, declared on a new connection. */
export async function testBroker(options: TopologyOptions = {}, logger: Logger = silentLogger): Promise<TestBroker> {
  const topology = new RabbitMqTopology({ ...FAST_RETRIES, prefix: uniquePrefix(), ...options });
  const opened: RabbitMqConnection[] = [];
  const open = async ({ url = TEST_AMQP_URL, logger: log = logger, name = "emporium-test" } = {}) => {
    const connection = await RabbitMqConnection.open({
      url,
      topology,
      logger: log,
      initialDelayMs: 50,
      maxDelayMs: 500,
      initialRetries: 40,
      connectionName: name,
    });
    opened.push(connection);
    return connection;
  };
  const connection = await open();
  return {
    topology,
    connection,
    connect: open,
    remove: async () => {
      try {
        await removeTopology(topology);
      } finally {
        await Promise.all(opened.map((c) => c.close().catch(() => undefined)));
      }
    },
  };
}

/** Deletes a test's exchange and queues over a connection of its own. */
export async function removeTopology(topology: RabbitMqTopology): Promise<void> {
  const model = await connect(TEST_AMQP_URL);
  try {
    await topology.remove(await model.createChannel());
  } finally {
    await model.close().catch(() => undefined);
  }
}

/** Polls `condition` every 20 ms until it holds; throws `what` after `timeoutMs` (a bound, not a timed assertion). */
export async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

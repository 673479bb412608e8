import { hostname } from "node:os";
import {
  AMQP_URL_MISSING,
  createContainer,
  loadConfig,
  openRabbitMq,
  RabbitMqConsumer,
  RabbitMqOutboxRelay,
  RabbitMqPublisher,
  Tokens,
  type EmporiumContainer,
  type Logger,
  type RabbitMqConnection,
  type RabbitMqTopology,
  type TaskQueueName,
  type TopologyOptions,
} from "@emporium/adapters";
import { createWorkerLogger } from "./logger.js";
import { startMetricsServer } from "./metrics-server.js";
import { queueHandlers } from "./queue-handlers.js";
import { loadWorkerConfig } from "./worker-config.js";
import { createWorkerMetrics } from "./worker-metrics.js";

export interface RunWorkerOptions {
  /** The process environment by default. */
  readonly env?: NodeJS.ProcessEnv;
  /** A pino logger by default, at LOG_LEVEL. */
  readonly logger?: Logger;
  /** Install SIGTERM/SIGINT handlers that stop gracefully and exit; true by default. */
  readonly handleSignals?: boolean;
  /** Queue naming and retry delays (tests use a prefix of their own and short delays). */
  readonly topology?: TopologyOptions;
  /** Where the start-up line goes; stdout by default. */
  readonly print?: (line: string) => void;
}

export interface RunningWorker {
  readonly container: EmporiumContainer;
  readonly connection: RabbitMqConnection;
  readonly topology: RabbitMqTopology;
  /** The queues consumed. */
  readonly queues: readonly TaskQueueName[];
  /** Base URL of the metrics server (`${metricsUrl}/metrics`). */
  readonly metricsUrl: string;
  /** Stops taking jobs, finishes those in flight, and closes everything. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The worker host: opens the database and RabbitMQ (declaring the topology), relays the outbox
 * to the events exchange, consumes every task queue with the shared handlers, sweeps expired
 * reservations on an interval, and serves Prometheus metrics. Rejects with one line when the
 * configuration cannot work; AMQP_URL is required.
 */
export async function runWorker({
  env = process.env,
  logger: givenLogger,
  handleSignals = true,
  topology: topologyOptions = {},
  print = (line) => process.stdout.write(`${line}\n`),
}: RunWorkerOptions = {}): Promise<RunningWorker> {
  const config = loadConfig(env);
  if (config.amqpUrl === null) throw new Error(AMQP_URL_MISSING);
  const settings = loadWorkerConfig(env);
  const logger = givenLogger ?? createWorkerLogger(config.logLevel);
  const container = await createContainer(config, { logger });

  let rabbit: Awaited<ReturnType<typeof openRabbitMq>>;
  try {
    rabbit = await openRabbitMq(config, {
      logger,
      topology: topologyOptions,
      connectionName: `emporium-worker@${hostname()}:${process.pid}`,
    });
  } catch (error) {
    await container.close();
    throw error;
  }
  const { connection, topology } = rabbit;
  const persistence = container.get(Tokens.Persistence);
  const sweeper = container.get(Tokens.ReservationSweeper);
  const metrics = createWorkerMetrics({ connection, topology, outbox: persistence.relay });
  const publisher = new RabbitMqPublisher(connection, topology.exchange);
  const relay = new RabbitMqOutboxRelay({ outbox: persistence.relay, publisher, logger, onPublished: metrics.published });
  const consumers = Object.entries(queueHandlers(container)).map(
    ([queue, handlers]) =>
      new RabbitMqConsumer({
        connection,
        topology,
        queue: queue as TaskQueueName,
        handlers,
        logger,
        prefetch: settings.prefetch,
        observer: metrics.observer,
      }),
  );

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      logger.info({}, "worker stopping: no new jobs, finishing those in flight");
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await Promise.all([relay.stop(), sweeper.stop()]);
      // Closing the connection first also releases a publisher waiting for a broker that is away.
      await connection.close();
      await publisher.close();
      await server?.close();
      await container.close();
      logger.info({}, "worker stopped");
    })();
    return stopping;
  };

  let server: Awaited<ReturnType<typeof startMetricsServer>> | undefined;
  try {
    server = await startMetricsServer(metrics.registry, settings.metricsPort, config.http.host).catch((error: unknown) => {
      const code = (error as { code?: unknown }).code;
      const where = `${config.http.host}:${settings.metricsPort}`;
      throw new Error(
        code === "EADDRINUSE"
          ? `cannot serve metrics on ${where}: the port is in use; set WORKER_METRICS_PORT to another one`
          : `cannot serve metrics on ${where}: ${String(error)}`,
        { cause: error },
      );
    });
    await Promise.all(consumers.map((consumer) => consumer.start()));
  } catch (error) {
    await stop();
    throw error;
  }
  relay.start(settings.relayIntervalMs);
  sweeper.start(settings.sweepIntervalMs);

  if (handleSignals) {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, "signal received");
      void stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, "worker did not stop cleanly");
          process.exit(1);
        },
      );
    };
    process.once("SIGTERM", onSignal);
    process.once("SIGINT", onSignal);
  }

  const queues = consumers.map((consumer) => consumer.queue);
  logger.info({ queues, prefetch: settings.prefetch, metrics: `${server.url}/metrics` }, "worker started");
  print(`Emporium worker consuming ${queues.length} queues on ${topology.exchange}; metrics at ${server.url}/metrics`);
  return { container, connection, topology, queues, metricsUrl: server.url, stop };
}

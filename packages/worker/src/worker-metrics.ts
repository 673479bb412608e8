import type { ConsumerObserver, KyselyOutboxRelay, RabbitMqConnection, RabbitMqTopology } from "@emporium/adapters";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

export interface WorkerMetricsSources {
  readonly connection: RabbitMqConnection;
  readonly topology: RabbitMqTopology;
  readonly outbox: Pick<KyselyOutboxRelay, "status">;
}

export interface WorkerMetrics {
  readonly registry: Registry;
  /** Counts what the consumers do. */
  readonly observer: ConsumerObserver;
  /** Counts events the relay published. */
  published(count: number): void;
}

/**
 * The worker's Prometheus metrics. Counters move as jobs run; the backlog, dead letters and
 * outbox lag are read from RabbitMQ and the database when Prometheus scrapes.
 */
export function createWorkerMetrics({ connection, topology, outbox }: WorkerMetricsSources, processMetrics = true): WorkerMetrics {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry, prefix: "emporium_worker_" });
  const labelNames = ["queue"] as const;
  const processed = new Counter({
    name: "emporium_worker_jobs_processed_total",
    help: "Jobs handled successfully",
    labelNames,
    registers: [registry],
  });
  const retried = new Counter({
    name: "emporium_worker_jobs_retried_total",
    help: "Jobs that failed and were scheduled for a retry",
    labelNames,
    registers: [registry],
  });
  const deadLettered = new Counter({
    name: "emporium_worker_jobs_dead_lettered_total",
    help: "Jobs moved to their <queue>.dlq",
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "emporium_worker_job_duration_seconds",
    help: "Time to handle a job successfully",
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const published = new Counter({
    name: "emporium_worker_outbox_published_total",
    help: "Outbox events published and confirmed by RabbitMQ",
    registers: [registry],
  });

  new Gauge({
    name: "emporium_worker_broker_connected",
    help: "1 while the RabbitMQ connection is up",
    registers: [registry],
    collect() {
      this.set(connection.isConnected() ? 1 : 0);
    },
  });
  new Gauge({
    name: "emporium_worker_outbox_pending",
    help: "Outbox events not yet published",
    registers: [registry],
    async collect() {
      this.set((await outbox.status()).pending);
    },
  });
  new Gauge({
    name: "emporium_worker_outbox_lag_seconds",
    help: "Age of the oldest unpublished outbox event (0 when none)",
    registers: [registry],
    async collect() {
      this.set((await outbox.status()).oldestAgeMs / 1000);
    },
  });
  const depths = async (pick: "queue" | "deadLetterQueue", gauge: Gauge<"queue">) => {
    // While the broker is away the last figures stay; broker_connected says why they are stale.
    if (!connection.isConnected()) return;
    const channel = await connection.createConfirmChannel();
    try {
      for (const task of topology.queues) gauge.set({ queue: task.name }, (await channel.checkQueue(task[pick])).messageCount);
    } finally {
      await channel.close().catch(() => undefined);
    }
  };
  new Gauge({
    name: "emporium_worker_queue_backlog",
    help: "Messages ready in each work queue",
    labelNames,
    registers: [registry],
    async collect() {
      await depths("queue", this);
    },
  });
  new Gauge({
    name: "emporium_worker_dead_letters",
    help: "Messages waiting in each <queue>.dlq (read them with `emporium dlq list <queue>`)",
    labelNames,
    registers: [registry],
    async collect() {
      await depths("deadLetterQueue", this);
    },
  });

  return {
    registry,
    observer: {
      processed: (queue, seconds) => {
        processed.inc({ queue });
        duration.observe({ queue }, seconds);
      },
      retried: (queue) => retried.inc({ queue }),
      deadLettered: (queue) => deadLettered.inc({ queue }),
    },
    published: (count) => published.inc(count),
  };
}

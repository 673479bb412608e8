import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { AMQP_URL_MISSING, Tokens, type EmporiumContainer, type Logger } from "@emporium/adapters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shareBroker } from "../../adapters/src/messaging/rabbitmq/test-support/broker-lock.js";
import {
  FAST_RETRIES,
  rabbitMqUnavailable,
  removeTopology,
  TEST_AMQP_URL,
  uniquePrefix,
  waitFor,
} from "../../adapters/src/messaging/rabbitmq/test-support/rabbitmq.js";
import { runWorker, type RunningWorker } from "./run-worker.js";

const SECRET = "a-test-secret-that-is-long-enough-for-hs256";
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

describe("the worker's start-up checks", () => {
  it("refuses to start without AMQP_URL, in one line", async () => {
    await expect(runWorker({ env: { DATABASE_URL: "sqlite::memory:" }, handleSignals: false })).rejects.toThrow(AMQP_URL_MISSING);
    expect(AMQP_URL_MISSING).not.toContain("\n");
  });

  it("names a bad WORKER_* variable", async () => {
    const env = { DATABASE_URL: "sqlite::memory:", AMQP_URL: TEST_AMQP_URL, JWT_SECRET: SECRET, WORKER_PREFETCH: "lots" };
    await expect(runWorker({ env, handleSignals: false })).rejects.toThrow('WORKER_PREFETCH must be an integer from 1 to 1000, got "lots"');
  });

  it("exits 1 with the line on stderr when run as a program", async () => {
    const env = { PATH: process.env.PATH, DATABASE_URL: "sqlite::memory:" };
    const failure = await promisify(execFile)(
      process.execPath,
      ["--conditions=@emporium/source", "--import", "tsx", join(ROOT, "packages/worker/src/main.ts")],
      { cwd: ROOT, env, timeout: 60_000 },
    ).then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toBe(`emporium worker: ${AMQP_URL_MISSING}\n`);
  }, 60_000);
});

const skip = await rabbitMqUnavailable();
if (skip !== null) console.warn(`skipping the worker against RabbitMQ: ${skip}`);

describe.skipIf(skip !== null)("the worker against RabbitMQ (SQLite)", () => {
  let release: () => void;
  let dir: string;
  let shop: EmporiumContainer;
  let worker: RunningWorker;
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const logger: Logger = Object.fromEntries(
    (["debug", "info", "warn", "error"] as const).map((level) => [
      level,
      (fields: Record<string, unknown>, message: string) => lines.push({ level, fields, message }),
    ]),
  ) as unknown as Logger;

  beforeAll(async () => {
    release = await shareBroker();
    dir = mkdtempSync(join(tmpdir(), "emporium-worker-"));
    const env = {
      DATABASE_URL: `sqlite:${join(dir, "shop.db")}`,
      AMQP_URL: TEST_AMQP_URL,
      JWT_SECRET: SECRET,
      WORKER_METRICS_PORT: "0",
      WORKER_RELAY_INTERVAL_MS: "10",
      LOG_LEVEL: "silent",
    };
    worker = await runWorker({
      env,
      logger,
      handleSignals: false,
      topology: { ...FAST_RETRIES, prefix: uniquePrefix() },
      print: () => undefined,
    });
    // Use cases run on the worker's own container: with AMQP_URL it dispatches only by appending to
    // the outbox, as an HTTP server would. (A second SQLite connection in this same process would
    // block the event loop on the file lock while the first waits on it.)
    shop = worker.container;
  });
  afterAll(async () => {
    if (worker !== undefined) {
      await worker.stop();
      await removeTopology(worker.topology);
    }
    rmSync(dir, { recursive: true, force: true });
    release?.();
  });

  it("consumes every task queue", () => {
    expect([...worker.queues].sort()).toEqual([
      "analytics.refresh",
      "email.low_stock",
      "email.order_confirmation",
      "email.password_reset",
      "inventory.release_expired",
      "payment.webhook_process",
      "recommendations.update",
      "search.index_product",
    ]);
  });

  it("mails a password reset requested through the outbox, once, and logs the job with its ids", async () => {
    const registered = await shop
      .useCase("RegisterCustomer")
      .execute({ email: "worker@example.com", password: "correct horse battery", name: "W" });
    expect(registered.ok).toBe(true);
    await shop.useCase("RequestPasswordReset").execute({ email: "worker@example.com" });

    const resets = async () => (await shop.get(Tokens.Mailbox).list({ limit: 10 })).items.filter((m) => m.template === "password_reset");
    await waitFor("the reset mail", async () => (await resets()).length === 1);
    await waitFor("an empty outbox", async () => (await shop.get(Tokens.OutboxRelay).status()).pending === 0);

    expect((await resets()).map((m) => m.to)).toEqual(["worker@example.com"]);
    const job = lines.find((line) => line.message === "job done" && line.fields["queue"] === "email.password_reset");
    expect(job?.fields).toMatchObject({ job_id: expect.stringMatching(/^email\.password_reset:/), trace_id: null, attempt: 1 });
  });

  it("indexes a created product", async () => {
    const created = await shop
      .useCase("CreateProduct")
      .execute({ actor: { id: "admin", role: "admin" }, name: "Pewter Jug", variants: [{ sku: "JUG-PEWTER", price: 3100, stock: 2 }] });
    if (!created.ok) throw new Error(created.error.message);
    const hits = async () => (await shop.get(Tokens.SearchIndex).search({ q: "pewter", page: 1, limit: 5 })).hits.map((h) => h.productId);
    await waitFor("the product in search", async () => (await hits()).length === 1);
    expect(await hits()).toEqual([created.value.id]);
  });

  it("serves Prometheus metrics: jobs, backlog, dead letters and outbox lag", async () => {
    const response = await fetch(`${worker.metricsUrl}/metrics`);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toMatch(/^emporium_worker_jobs_processed_total\{queue="email\.password_reset"\} [1-9]/m);
    expect(body).toMatch(/^emporium_worker_queue_backlog\{queue="search\.index_product"\} \d+/m);
    expect(body).toMatch(/^emporium_worker_dead_letters\{queue="email\.password_reset"\} 0/m);
    expect(body).toMatch(/^emporium_worker_outbox_pending \d+/m);
    expect(body).toMatch(/^emporium_worker_outbox_lag_seconds /m);
    expect(body).toMatch(/^emporium_worker_outbox_published_total [1-9]/m);
    expect(body).toMatch(/^emporium_worker_broker_connected 1/m);
    expect((await fetch(`${worker.metricsUrl}/nope`)).status).toBe(404);
  });
});

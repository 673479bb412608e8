import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../container/logger.js";
import { RabbitMqConsumer } from "./rabbitmq-consumer.js";
import { RabbitMqOutboxRelay } from "./rabbitmq-outbox-relay.js";
import { RabbitMqPublisher } from "./rabbitmq-publisher.js";
import { takeBroker } from "./test-support/broker-lock.js";
import { effectTable, type EffectTable } from "./test-support/effect-table.js";
import { rabbitMqUnavailable, testBroker, waitFor, type TestBroker } from "./test-support/rabbitmq.js";

const run = promisify(execFile);
const rabbitmqctl = (...args: string[]) => run("rabbitmqctl", args, { timeout: 60_000 });

const EVENTS = 10_000;

async function skipReason(): Promise<string | null> {
  const broker = await rabbitMqUnavailable();
  if (broker !== null) return broker;
  try {
    await rabbitmqctl("status");
    return null;
  } catch (error) {
    const reason = `rabbitmqctl cannot control the local broker (${(error as Error).message.split("\n")[0]})`;
    if (process.env.CI === "true") throw new Error(`the broker restart test needs rabbitmqctl when CI=true: ${reason}`, { cause: error });
    return reason;
  }
}

const skip = await skipReason();
if (skip !== null) console.warn(`skipping the RabbitMQ restart test: ${skip}`);

describe.skipIf(skip !== null)("outbox → relay → consumer across a broker restart", () => {
  let release: (() => void) | undefined;
  let broker: TestBroker;
  let effects: EffectTable;

  beforeAll(async () => {
    release = await takeBroker();
    broker = await testBroker();
    effects = await effectTable();
  });
  afterAll(async () => {
    try {
      // Whatever happened, the broker is left running for everyone else.
      await rabbitmqctl("start_app");
      await rabbitmqctl("await_startup");
    } finally {
      await broker?.remove();
      await effects?.close();
      release?.();
    }
  });

  it("publishes every outbox row and applies every effect exactly once", async () => {
    const started = Date.now();
    let deliveries = 0;
    let published = 0;
    const record = effects.handler("test.restart");
    const publisher = new RabbitMqPublisher(broker.connection, broker.topology.exchange);
    let relayFailures = 0;
    const relay = new RabbitMqOutboxRelay({
      outbox: effects.persistence.relay,
      publisher,
      logger: { ...silentLogger, warn: () => void (relayFailures += 1), error: () => void (relayFailures += 1) },
      onPublished: (count) => void (published += count),
    });
    const consumer = new RabbitMqConsumer({
      connection: broker.connection,
      topology: broker.topology,
      queue: "search.index_product",
      handlers: {
        "product.changed": async (event) => {
          deliveries += 1;
          await record(event);
        },
      },
      logger: silentLogger,
      prefetch: 50,
    });
    const figures = { outageMs: 0, effectsAtStop: 0, appendedAtStop: 0 };
    let appended = 0;
    // Events keep being committed while the broker goes away, so the relay meets the outage with a backlog.
    const producing = (async () => {
      for (let wave = 0; appended < EVENTS; wave += 1) {
        appended += (await effects.append(200, `restart-${wave}`)).length;
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
    })();
    try {
      await consumer.start();
      relay.start(20, 500);

      // Stop the broker while events are still being committed, relayed and consumed.
      await waitFor("the flow to be under way", async () => appended >= EVENTS * 0.4 && (await effects.counts()).rows > 0, 60_000);
      figures.effectsAtStop = (await effects.counts()).rows;
      figures.appendedAtStop = appended;
      const stopped = Date.now();
      await rabbitmqctl("stop_app");
      await rabbitmqctl("start_app");
      figures.outageMs = Date.now() - stopped;
      await producing;

      await waitFor(
        "every effect and an empty outbox",
        async () => (await effects.counts()).rows >= EVENTS && (await effects.persistence.relay.status()).pending === 0,
        75_000,
      );
    } finally {
      await producing;
      await consumer.stop();
      await relay.stop();
      await publisher.close();
    }

    expect((await effects.persistence.relay.status()).pending).toBe(0);
    expect(await effects.counts()).toEqual({ rows: EVENTS, distinct: EVENTS });
    expect(published).toBeGreaterThanOrEqual(EVENTS);
    expect(deliveries).toBeGreaterThanOrEqual(EVENTS);
    // The outage really came in the middle of the flow.
    expect(figures.appendedAtStop).toBeLessThan(EVENTS);
    expect(figures.effectsAtStop).toBeLessThan(EVENTS);
    const channel = await broker.connection.createConfirmChannel();
    expect((await channel.checkQueue(broker.topology.queue("search.index_product").deadLetterQueue)).messageCount).toBe(0);
    await channel.close();
    console.log(
      `[rabbit] broker restart: ${EVENTS} outbox rows, ${published} publishes confirmed, ${deliveries} deliveries ` +
        `(${deliveries - EVENTS} redelivered), ${(await effects.counts()).rows} effects (exactly once); ` +
        `stop_app at ${figures.effectsAtStop} effects / ${figures.appendedAtStop} committed, broker down/up in ${figures.outageMs} ms, ` +
        `${relayFailures} relay rounds failed or unconfirmed, total ${Date.now() - started} ms`,
    );
  }, 120_000);
});

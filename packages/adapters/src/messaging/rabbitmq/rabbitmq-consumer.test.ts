import type { DomainEvent } from "@emporium/domain";
import type { ConfirmChannel } from "amqplib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../container/logger.js";
import { DeadLetters } from "./dead-letters.js";
import { RabbitMqConsumer, type ConsumerObserver } from "./rabbitmq-consumer.js";
import { RabbitMqOutboxRelay } from "./rabbitmq-outbox-relay.js";
import { RabbitMqPublisher } from "./rabbitmq-publisher.js";
import { shareBroker } from "./test-support/broker-lock.js";
import { effectTable, type EffectTable } from "./test-support/effect-table.js";
import { rabbitMqUnavailable, TEST_AMQP_URL, testBroker, waitFor, type TestBroker } from "./test-support/rabbitmq.js";
import { tcpProxy } from "./test-support/tcp-proxy.js";
import type { TaskQueueName } from "./topology.js";

const QUEUE: TaskQueueName = "search.index_product";
const CONSUMER = "test.effects";

const skip = await rabbitMqUnavailable();
if (skip !== null) console.warn(`skipping RabbitMqConsumer: ${skip}`);

function countingObserver() {
  const counts = { processed: 0, retried: 0, deadLettered: 0 };
  const observer: ConsumerObserver = {
    processed: () => void (counts.processed += 1),
    retried: () => void (counts.retried += 1),
    deadLettered: () => void (counts.deadLettered += 1),
  };
  return { counts, observer };
}

describe.skipIf(skip !== null)("RabbitMqConsumer", () => {
  let release: () => void;
  let broker: TestBroker;
  let effects: EffectTable;
  let publisher: RabbitMqPublisher;
  let relay: RabbitMqOutboxRelay;
  let channel: ConfirmChannel;
  const consumers: RabbitMqConsumer[] = [];

  beforeEach(async () => {
    release = await shareBroker();
    broker = await testBroker();
    effects = await effectTable();
    publisher = new RabbitMqPublisher(broker.connection, broker.topology.exchange);
    relay = new RabbitMqOutboxRelay({ outbox: effects.persistence.relay, publisher, logger: silentLogger });
    channel = await broker.connection.createConfirmChannel();
  });
  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
    await relay.stop();
    await publisher.close();
    await channel?.close().catch(() => undefined);
    await broker?.remove();
    await effects?.close();
    release?.();
  });

  const consume = async (handler: (event: DomainEvent) => Promise<void>, observer?: ConsumerObserver, connection = broker.connection) => {
    const consumer = new RabbitMqConsumer({
      connection,
      topology: broker.topology,
      queue: QUEUE,
      handlers: { "product.changed": handler },
      logger: silentLogger,
      prefetch: 20,
      ...(observer === undefined ? {} : { observer }),
    });
    consumers.push(consumer);
    await consumer.start();
    return consumer;
  };
  const dlqDepth = async () => (await channel.checkQueue(broker.topology.queue(QUEUE).deadLetterQueue)).messageCount;

  it("dead-letters a poison event after 5 deliveries while 1,000 others flow, and replay brings it back", async () => {
    const events = await effects.append(1001, "flow");
    const poison = events[500]!.id;
    let healthy = false;
    const poisonDeliveries: number[] = [];
    const record = effects.handler(CONSUMER);
    const { counts, observer } = countingObserver();
    await consume(async (event) => {
      if (event.id === poison && !healthy) {
        poisonDeliveries.push(Date.now());
        throw new Error("cannot index this product");
      }
      await record(event);
    }, observer);

    await relay.drain();
    await waitFor("1,000 effects and one dead letter", async () => (await effects.counts()).rows === 1000 && (await dlqDepth()) === 1);

    expect(poisonDeliveries).toHaveLength(5);
    expect(await effects.counts()).toEqual({ rows: 1000, distinct: 1000 });
    expect(counts).toEqual({ processed: 1000, retried: 4, deadLettered: 1 });
    const deadLetters = new DeadLetters(broker.connection, broker.topology);
    const [letter, ...others] = await deadLetters.list(QUEUE);
    expect(others).toEqual([]);
    expect(letter).toMatchObject({ id: poison, type: "product.changed", attempts: 5, reason: "failed 5 times: cannot index this product" });
    // Listing leaves it there (the broker takes the listed message back asynchronously).
    await waitFor("the listed dead letter back in its queue", async () => (await deadLetters.counts())[QUEUE] === 1);
    expect(await dlqDepth()).toBe(1);

    const flowed = counts.processed;
    healthy = true;
    expect(await deadLetters.replay(QUEUE)).toBe(1);
    await waitFor("the replayed event's effect", async () => (await effects.counts()).rows === 1001);
    expect(await effects.counts()).toEqual({ rows: 1001, distinct: 1001 });
    expect(await dlqDepth()).toBe(0);
    console.log(
      `[rabbit] poison: ${poisonDeliveries.length} deliveries before .dlq while ${flowed} others flowed; ` +
        `${counts.retried} retries; replay → effects ${(await effects.counts()).rows}/1001, dlq ${await dlqDepth()}`,
    );
  });

  it("dead-letters a malformed message at once, and a type the queue has no handler for", async () => {
    let calls = 0;
    const { counts, observer } = countingObserver();
    await consume(async () => {
      calls += 1;
    }, observer);
    const queue = broker.topology.queue(QUEUE).queue;
    channel.sendToQueue(queue, Buffer.from("{not json"), { persistent: true, messageId: "m-1" });
    channel.sendToQueue(queue, Buffer.from(JSON.stringify({ id: "m-2", type: "product.changed", createdAt: "2025-01-01T00:00:00Z" })), {
      messageId: "m-2",
    });
    channel.sendToQueue(
      queue,
      Buffer.from(
        JSON.stringify({ id: "m-3", type: "review.posted", payload: {}, createdAt: "2025-01-01T00:00:00Z", traceId: null, attempt: 1 }),
      ),
      { messageId: "m-3" },
    );
    await channel.waitForConfirms();

    await waitFor("three dead letters", async () => (await dlqDepth()) === 3);

    expect(calls).toBe(0);
    expect(counts).toEqual({ processed: 0, retried: 0, deadLettered: 3 });
    const letters = await new DeadLetters(broker.connection, broker.topology).list(QUEUE, 10);
    expect(letters.map((l) => [l.id, l.attempts, l.reason])).toEqual([
      ["m-1", 1, "malformed message: body is not JSON"],
      ["m-2", 1, "malformed message: payload must be an object"],
      ["m-3", 1, `no handler for review.posted on ${QUEUE}`],
    ]);
    expect(letters[0]!.body).toBe("{not json");
    expect(letters[0]!.deadLetteredAt).toBeInstanceOf(Date);

    // Replaying one by id sends only that one through the consumer again (and, still malformed, back).
    const deadLetters = new DeadLetters(broker.connection, broker.topology);
    await waitFor("the listed dead letters back in their queue", async () => (await dlqDepth()) === 3);
    expect(await deadLetters.replay(QUEUE, { ids: ["m-2"] })).toBe(1);
    await waitFor("m-2 dead-lettered again", () => counts.deadLettered === 4);
    await waitFor("the skipped ones back in their queue", async () => (await dlqDepth()) === 3);
    expect(await deadLetters.purge(QUEUE)).toBe(3);
    expect(await dlqDepth()).toBe(0);
  });

  it("changes nothing when a worker dies after its effect but before its ack", async () => {
    const proxy = await tcpProxy(new URL(TEST_AMQP_URL));
    try {
      const doomed = await broker.connect({ url: proxy.url, name: "emporium-test-doomed" });
      const [event] = await effects.append(1, "crash");
      const deliveries: boolean[] = [];
      let killed = false;
      const record = effects.handler(CONSUMER, (_event, applied) => {
        deliveries.push(applied);
        if (!killed) {
          killed = true;
          // The effect is committed; the worker's connection dies before the consumer acks.
          proxy.cut();
        }
      });
      const consumer = await consume(record, undefined, doomed);

      await relay.drain();
      await waitFor("the redelivery", () => deliveries.length === 2);
      // Stopping waits for the ack; an unacked message would return to the queue.
      await consumer.stop();
      expect((await channel.checkQueue(broker.topology.queue(QUEUE).queue)).messageCount).toBe(0);
      expect(await dlqDepth()).toBe(0);

      expect(deliveries).toEqual([true, false]);
      expect(await effects.counts()).toEqual({ rows: 1, distinct: 1 });
      const processed = await effects.persistence.database.db
        .selectFrom("processed_events")
        .select("event_id")
        .where("consumer", "=", CONSUMER)
        .execute();
      expect(processed.map((row) => row.event_id)).toEqual([event!.id]);
      console.log(
        `[rabbit] killed before ack: ${deliveries.length} deliveries, effects applied ${deliveries.filter(Boolean).length}, effect rows ${(await effects.counts()).rows}`,
      );
    } finally {
      await proxy.close();
    }
  });
});

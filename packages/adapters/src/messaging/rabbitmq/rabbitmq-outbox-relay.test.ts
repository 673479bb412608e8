import { createEvent } from "@emporium/domain";
import type { ConfirmChannel } from "amqplib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../container/logger.js";
import { decodeEnvelope, ATTEMPT_HEADER } from "./event-envelope.js";
import { RabbitMqOutboxRelay } from "./rabbitmq-outbox-relay.js";
import { RabbitMqPublisher } from "./rabbitmq-publisher.js";
import { shareBroker } from "./test-support/broker-lock.js";
import { effectTable, type EffectTable } from "./test-support/effect-table.js";
import { rabbitMqUnavailable, testBroker, type TestBroker } from "./test-support/rabbitmq.js";

const skip = await rabbitMqUnavailable();
if (skip !== null) console.warn(`skipping RabbitMqOutboxRelay: ${skip}`);

describe.skipIf(skip !== null)("RabbitMqOutboxRelay", () => {
  let release: () => void;
  let broker: TestBroker;
  let effects: EffectTable;
  let publisher: RabbitMqPublisher;
  let relay: RabbitMqOutboxRelay;
  let channel: ConfirmChannel;

  beforeEach(async () => {
    release = await shareBroker();
    broker = await testBroker();
    effects = await effectTable();
    publisher = new RabbitMqPublisher(broker.connection, broker.topology.exchange);
    relay = new RabbitMqOutboxRelay({ outbox: effects.persistence.relay, publisher, logger: silentLogger, batchSize: 4 });
    channel = await broker.connection.createConfirmChannel();
  });
  afterEach(async () => {
    await relay.stop();
    await publisher.close();
    await channel?.close().catch(() => undefined);
    await broker?.remove();
    await effects?.close();
    release?.();
  });

  const searchQueue = () => broker.topology.queue("search.index_product").queue;

  it("publishes committed events in outbox order with the envelope, and marks them sent", async () => {
    const events = await effects.append(10);
    await effects.persistence.uow.run(async (tx) => {
      await tx.outbox.append([createEvent("customer.registered", { email: "a@example.com" }, { id: "evt-unrouted", now: new Date() })]);
      return { ok: true, value: undefined };
    });

    await relay.drain();

    expect((await effects.persistence.relay.status()).pending).toBe(0);
    const received: string[] = [];
    for (;;) {
      const message = await channel.get(searchQueue(), { noAck: true });
      if (message === false) break;
      const decoded = decodeEnvelope(message.content);
      if (!decoded.ok) throw new Error(decoded.problem);
      expect(decoded.envelope).toMatchObject({ type: "product.changed", attempt: 1, traceId: null });
      expect(message.properties).toMatchObject({ messageId: decoded.envelope.id, deliveryMode: 2, headers: { [ATTEMPT_HEADER]: 1 } });
      received.push(decoded.envelope.id);
    }
    expect(received).toEqual(events.map((e) => e.id));
  });

  it("keeps in the outbox every event the broker did not confirm, and sends it on a later round", async () => {
    await effects.append(6);
    // Publishing to a missing exchange closes the channel: nothing is confirmed.
    await channel.deleteExchange(broker.topology.exchange);

    const failed = await relay.round();

    expect(failed).toEqual({ claimed: 4, published: 0 });
    expect((await effects.persistence.relay.status()).pending).toBe(6);

    await broker.topology.declare(channel);
    await relay.drain();
    expect((await effects.persistence.relay.status()).pending).toBe(0);
    expect((await channel.checkQueue(searchQueue())).messageCount).toBe(6);
  });

  it("relays on its own once started", async () => {
    relay.start(10);
    await effects.append(3);
    for (let seen = 0; seen < 3;) {
      const message = await channel.get(searchQueue(), { noAck: true });
      if (message !== false) seen += 1;
      else await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await relay.stop();
    expect((await effects.persistence.relay.status()).pending).toBe(0);
  });
});

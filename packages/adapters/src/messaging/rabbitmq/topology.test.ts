import { connect, type Channel, type ChannelModel } from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shareBroker } from "./test-support/broker-lock.js";
import { rabbitMqUnavailable, TEST_AMQP_URL, uniquePrefix, waitFor } from "./test-support/rabbitmq.js";
import { RabbitMqTopology, TASK_QUEUE_NAMES } from "./topology.js";

describe("RabbitMqTopology names", () => {
  const topology = new RabbitMqTopology({ prefix: "x." });

  it("names every queue of DESIGN §7 with its retry and dead-letter queues", () => {
    expect(topology.exchange).toBe("x.emporium.events");
    expect(TASK_QUEUE_NAMES).toEqual(
      expect.arrayContaining([
        "search.index_product",
        "inventory.release_expired",
        "email.order_confirmation",
        "email.password_reset",
        "payment.webhook_process",
        "analytics.refresh",
        "recommendations.update",
      ]),
    );
    const search = topology.queue("search.index_product");
    expect(search).toMatchObject({ queue: "x.search.index_product", deadLetterQueue: "x.search.index_product.dlq", scheduled: null });
    expect(search.routingKeys).toEqual(["product.changed", "stock.changed", "order.paid"]);
    // Five deliveries need four waits: 1 s, 5 s, 30 s, 2 min.
    expect(search.retryQueues.map((q) => q.queue)).toEqual([
      "x.search.index_product.retry.1s",
      "x.search.index_product.retry.5s",
      "x.search.index_product.retry.30s",
      "x.search.index_product.retry.2m",
    ]);
    expect(topology.queue("inventory.release_expired").scheduled).toMatchObject({
      queue: "x.inventory.release_expired.wait.930s",
      routingKeys: ["order.placed"],
    });
  });

  it("backs off longer after each failure and reaches the ten-minute step with a sixth attempt", () => {
    expect([1, 2, 3, 4].map((n) => topology.retryQueueAfter("email.password_reset", n).delayMs)).toEqual([1_000, 5_000, 30_000, 120_000]);
    expect(() => topology.retryQueueAfter("email.password_reset", 5)).toThrow(/no retry queue after attempt 5/);
    const six = new RabbitMqTopology({ maxAttempts: 6 });
    expect(six.retryQueueAfter("email.password_reset", 5)).toMatchObject({ queue: "email.password_reset.retry.10m", delayMs: 600_000 });
  });

  it("refuses an unknown queue, naming the known ones", () => {
    expect(() => topology.queue("email.spam" as never)).toThrow(/unknown queue "email.spam"; the queues are search.index_product/);
  });
});

const skip = await rabbitMqUnavailable();
if (skip !== null) console.warn(`skipping RabbitMqTopology on the broker: ${skip}`);

describe.skipIf(skip !== null)("RabbitMqTopology on the broker", () => {
  let release: () => void;
  let model: ChannelModel;
  let channel: Channel;
  const topology = new RabbitMqTopology({ prefix: uniquePrefix(), retryDelaysMs: [30, 60], releaseAfterMs: 100 });

  beforeAll(async () => {
    release = await shareBroker();
    model = await connect(TEST_AMQP_URL);
    channel = await model.createChannel();
  });
  afterAll(async () => {
    await topology.remove(channel).catch(() => undefined);
    await model?.close();
    release?.();
  });

  it("declares quorum queues idempotently", async () => {
    await topology.declare(channel);
    await topology.declare(channel);
    for (const task of topology.queues) {
      for (const queue of [task.queue, task.deadLetterQueue, ...task.retryQueues.map((q) => q.queue)]) {
        expect((await channel.checkQueue(queue)).queue).toBe(queue);
      }
    }
  });

  it("routes an event by type to every queue bound to it, and to no other", async () => {
    channel.publish(topology.exchange, "order.paid", Buffer.from("{}"), { persistent: true });
    const counts = async () =>
      Object.fromEntries(
        await Promise.all(topology.queues.map(async (t) => [t.name, (await channel.checkQueue(t.queue)).messageCount] as const)),
      );
    await waitFor("order.paid to be routed", async () => Object.values(await counts()).reduce((a, b) => a + b, 0) === 3);
    expect(await counts()).toMatchObject({
      "search.index_product": 1,
      "analytics.refresh": 1,
      "recommendations.update": 1,
      "email.order_confirmation": 0,
    });
    for (const name of ["search.index_product", "analytics.refresh", "recommendations.update"] as const)
      await channel.purgeQueue(topology.queue(name).queue);
  });

  it("holds order.placed back until the reservation is due, then hands it to inventory.release_expired", async () => {
    const release = topology.queue("inventory.release_expired");
    channel.publish(topology.exchange, "order.placed", Buffer.from('{"id":"e1"}'), { persistent: true, messageId: "e1" });
    await waitFor("order.placed to wait", async () => (await channel.checkQueue(release.scheduled!.queue)).messageCount === 1);
    await waitFor("order.placed to come due", async () => (await channel.checkQueue(release.queue)).messageCount === 1);
    const message = await channel.get(release.queue, { noAck: true });
    expect(message && message.properties.messageId).toBe("e1");
  });

  it("sends a message that failed delivery back to the work queue after its delay", async () => {
    const task = topology.queue("email.password_reset");
    channel.sendToQueue(topology.retryQueueAfter("email.password_reset", 1).queue, Buffer.from("again"), { persistent: true });
    await waitFor("the retry to come back", async () => (await channel.checkQueue(task.queue)).messageCount === 1);
    const message = await channel.get(task.queue, { noAck: true });
    expect(message && message.content.toString()).toBe("again");
  });
});

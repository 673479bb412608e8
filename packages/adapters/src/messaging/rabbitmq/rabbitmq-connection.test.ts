import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger, type Logger } from "../../container/logger.js";
import { RabbitMqConnection } from "./rabbitmq-connection.js";
import { shareBroker } from "./test-support/broker-lock.js";
import { rabbitMqUnavailable, TEST_AMQP_URL, testBroker, waitFor, type TestBroker } from "./test-support/rabbitmq.js";
import { tcpProxy } from "./test-support/tcp-proxy.js";
import { RabbitMqTopology } from "./topology.js";

describe("RabbitMqConnection.open", () => {
  it("gives up on an unreachable broker with one line naming AMQP_URL, password hidden", async () => {
    const failure = await RabbitMqConnection.open({
      url: "amqp://app:hunter2@127.0.0.1:1",
      topology: new RabbitMqTopology(),
      logger: silentLogger,
      initialDelayMs: 1,
      initialRetries: 1,
    }).then(
      () => null,
      (error: unknown) => error as Error,
    );
    expect(failure?.message).toMatch(/^cannot connect to RabbitMQ at AMQP_URL amqp:\/\/app:\*\*\*@127\.0\.0\.1:1: .*ECONNREFUSED/);
    expect(failure?.message).not.toContain("hunter2");
    expect(failure?.message).not.toContain("\n");
  });
});

const skip = await rabbitMqUnavailable();
if (skip !== null) console.warn(`skipping RabbitMqConnection recovery: ${skip}`);

describe.skipIf(skip !== null)("RabbitMqConnection recovery", () => {
  let release: () => void;
  let broker: TestBroker;

  beforeEach(async () => {
    release = await shareBroker();
    broker = await testBroker();
  });
  afterEach(async () => {
    await broker?.remove();
    release?.();
  });

  it("reconnects after the connection is cut, declares the topology again, and hands out working channels", async () => {
    const proxy = await tcpProxy(new URL(TEST_AMQP_URL));
    const messages: string[] = [];
    const logger: Logger = { ...silentLogger, info: (_fields, message) => void messages.push(message) };
    try {
      const connection = await broker.connect({ url: proxy.url, logger });
      const first = await connection.createConfirmChannel();
      const closed = new Promise<void>((resolve) => first.once("close", () => resolve()));

      proxy.cut();
      await closed;
      await waitFor("the reconnect", () => messages.includes("reconnected to RabbitMQ; topology declared again"));

      expect(connection.isConnected()).toBe(true);
      const channel = await connection.createConfirmChannel();
      const queue = broker.topology.queue("email.password_reset");
      expect((await channel.checkQueue(queue.queue)).queue).toBe(queue.queue);
      await channel.close();
    } finally {
      await proxy.close();
    }
  });
});

import { randomUUID } from "node:crypto";
import { connect } from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shareBroker } from "../../../adapters/src/messaging/rabbitmq/test-support/broker-lock.js";
import { rabbitMqUnavailable, TEST_AMQP_URL } from "../../../adapters/src/messaging/rabbitmq/test-support/rabbitmq.js";
import { ATTEMPT_HEADER, ERROR_HEADER } from "@emporium/adapters";
import { ExitCode } from "../exit-codes.js";
import { runIn } from "../test-support/cli-shop.js";

const QUEUE = "recommendations.update";

describe("emporium dlq without a broker", () => {
  it("refuses with one line naming AMQP_URL (exit 3)", async () => {
    const result = await runIn({ DATABASE_URL: "sqlite::memory:", LOG_LEVEL: "silent" }, ["dlq", "list"]);
    expect(result.code, result.stderr).toBe(ExitCode.config);
    expect(result.stderr).toMatch(/^emporium: AMQP_URL must be set \(e\.g\. amqp:\/\/guest:guest@127\.0\.0\.1:5672\).*\n$/);
    expect(result.stderr.split("\n")).toHaveLength(2);
  });

  it("needs to be told what to purge", async () => {
    const result = await runIn({ AMQP_URL: "amqp://127.0.0.1:1", LOG_LEVEL: "silent" }, ["dlq", "purge"]);
    expect(result).toMatchObject({ code: ExitCode.usage, stderr: "emporium: say what to purge: --queue <queue> or --all\n" });
  });
});

const reason = await rabbitMqUnavailable();
describe.skipIf(reason !== null)(`emporium dlq against RabbitMQ${reason === null ? "" : ` (skipped: ${reason})`}`, () => {
  const env = { DATABASE_URL: "sqlite::memory:", AMQP_URL: TEST_AMQP_URL, LOG_LEVEL: "silent" };
  let release: () => void;
  beforeAll(async () => {
    release = await shareBroker();
    // Declares the topology, so the dead-letter queue exists.
    expect((await runIn(env, ["dlq", "list"])).code).toBe(ExitCode.ok);
  });
  afterAll(() => release?.());

  /** Puts a message straight into the queue's .dlq, as the consumer does after the last attempt. */
  async function deadLetter(id: string): Promise<void> {
    const connection = await connect(TEST_AMQP_URL);
    try {
      const channel = await connection.createConfirmChannel();
      const envelope = { id, type: "order.paid", payload: {}, createdAt: new Date().toISOString(), traceId: null, attempt: 5 };
      channel.sendToQueue(`${QUEUE}.dlq`, Buffer.from(JSON.stringify(envelope)), {
        persistent: true,
        messageId: id,
        type: "order.paid",
        headers: { [ATTEMPT_HEADER]: 5, [ERROR_HEADER]: "handler failed: boom" },
      });
      await channel.waitForConfirms();
    } finally {
      await connection.close();
    }
  }

  /** Takes the message `id` out of the work queue; false when it is not there. */
  async function takeFromWorkQueue(id: string): Promise<boolean> {
    const connection = await connect(TEST_AMQP_URL);
    try {
      const channel = await connection.createChannel();
      for (;;) {
        const message = await channel.get(QUEUE, { noAck: false });
        if (message === false) return false;
        if (message.properties.messageId === id) {
          channel.ack(message);
          return true;
        }
        channel.nack(message, false, true);
      }
    } finally {
      await connection.close();
    }
  }

  it("counts, lists, replays and purges dead letters", async () => {
    const id = `cli-test-${randomUUID()}`;
    await deadLetter(id);

    const counts = JSON.parse((await runIn(env, ["dlq", "list", "--json"])).stdout) as Record<string, number>;
    expect(counts[QUEUE]).toBeGreaterThanOrEqual(1);
    expect(Object.keys(counts)).toContain("search.index_product");

    const listed = JSON.parse((await runIn(env, ["dlq", "list", "--queue", QUEUE, "--limit", "1000", "--json"])).stdout) as Record<
      string,
      unknown
    >[];
    expect(listed).toContainEqual(expect.objectContaining({ id, type: "order.paid", attempts: 5, reason: "handler failed: boom" }));
    expect((await runIn(env, ["dlq", "list", "--queue", QUEUE, "--limit", "1000"])).stdout).toMatch(
      new RegExp(`^${id}\\s+order\\.paid\\s+5\\s+`, "m"),
    );

    expect((await runIn(env, ["dlq", "replay", "--queue", QUEUE, "--id", id])).stdout).toBe(`Replayed 1 message into ${QUEUE}.\n`);
    expect(await takeFromWorkQueue(id)).toBe(true);

    await deadLetter(`cli-test-${randomUUID()}`);
    expect((await runIn(env, ["dlq", "purge", "--queue", QUEUE])).stdout).toMatch(/^Purged [1-9]\d* dead letters?\.\n$/);
    expect((await runIn(env, ["dlq", "list", "--queue", QUEUE])).stdout).toBe(`${QUEUE}.dlq is empty.\n`);
  });

  it("rejects an unknown queue name as a usage error", async () => {
    const result = await runIn(env, ["dlq", "list", "--queue", "nope"]);
    expect(result.code, result.stderr).toBe(ExitCode.usage);
    expect(result.stderr).toMatch(/Allowed choices are search\.index_product/);
  });
});

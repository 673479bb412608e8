import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Tokens, type EmporiumContainer } from "@emporium/adapters";
import type { Order } from "@emporium/domain";
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

const skip = await rabbitMqUnavailable();
if (skip !== null) console.warn(`skipping the analytics queues against RabbitMQ: ${skip}`);

const ADMIN = { id: "admin", role: "admin" } as const;
const ADDRESS = { name: "Ada Lovelace", line1: "12 St James's Square", city: "London", postalCode: "SW1Y 4JH", country: "GB" };

describe.skipIf(skip !== null)("analytics.refresh and recommendations.update through RabbitMQ", () => {
  let release: () => void;
  let dir: string;
  let worker: RunningWorker;
  let shop: EmporiumContainer;

  beforeAll(async () => {
    release = await shareBroker();
    dir = mkdtempSync(join(tmpdir(), "emporium-worker-analytics-"));
    worker = await runWorker({
      env: {
        DATABASE_URL: `sqlite:${join(dir, "shop.db")}`,
        AMQP_URL: TEST_AMQP_URL,
        JWT_SECRET: "a-test-secret-that-is-long-enough-for-hs256",
        WORKER_METRICS_PORT: "0",
        WORKER_RELAY_INTERVAL_MS: "10",
        LOG_LEVEL: "silent",
      },
      handleSignals: false,
      topology: { ...FAST_RETRIES, prefix: uniquePrefix() },
      print: () => undefined,
    });
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

  const must = <T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  async function paidOrder(customerId: string, lines: { sku: string; quantity: number }[]): Promise<Order> {
    for (const line of lines) must(await shop.useCase("AddCartItem").execute({ customerId, ...line }));
    const order = must(await shop.useCase("PlaceOrder").execute({ customerId, shippingAddress: ADDRESS }));
    return must(await shop.useCase("PayOrder").execute({ orderId: order.id, customerId, paymentMethod: "pm_card_visa" }));
  }

  it("keeps lifetime values and bought-together pairs from the paid and refunded orders", async () => {
    const create = shop.useCase("CreateProduct");
    const tee = must(await create.execute({ actor: ADMIN, name: "Queue Tee", variants: [{ sku: "Q-TEE", price: 2000, stock: 10 }] }));
    const mug = must(await create.execute({ actor: ADMIN, name: "Queue Mug", variants: [{ sku: "Q-MUG", price: 1000, stock: 10 }] }));
    const { customer } = must(
      await shop.useCase("RegisterCustomer").execute({ email: "queues@example.com", password: "correct horse battery", name: "Q" }),
    );
    const first = await paidOrder(customer.id, [
      { sku: "Q-TEE", quantity: 1 },
      { sku: "Q-MUG", quantity: 1 },
    ]);
    const second = await paidOrder(customer.id, [{ sku: "Q-MUG", quantity: 2 }]);
    must(await shop.useCase("CancelOrder").execute({ actor: ADMIN, orderId: second.id }));

    const { db } = shop.get(Tokens.Database);
    const stats = () => db.selectFrom("customer_stats").selectAll().where("customer_id", "=", customer.id).executeTakeFirst();
    await waitFor("the refund in the customer's stats", async () => (await stats())?.refunds === 1);
    expect(await stats()).toMatchObject({
      orders: 2,
      revenue: first.totals.total + second.totals.total,
      refunded_amount: second.totals.total,
      lifetime_value: first.totals.total,
    });
    await waitFor("the pair", async () => (await shop.get(Tokens.Repositories).recommendations.boughtTogether(tee.id, 8)).length === 1);
    expect(await shop.get(Tokens.Repositories).recommendations.boughtTogether(mug.id, 8)).toEqual([tee.id]);
    const recorded = await db.selectFrom("processed_events").select("event_id").where("consumer", "=", "recommendations.update").execute();
    expect(recorded).toHaveLength(2);
  });
});

import { InMemoryIdempotencyStore, MemoryStore } from "@emporium/adapters";
import { describe, expect, it } from "vitest";
import { createApi } from "../app-factory.js";
import { respondError } from "../problem.js";
import { captureLogs } from "../test-support/log-capture.js";
import { idempotency } from "./idempotency.js";

/** The real store, with its database failing at the moment the outcome is recorded. */
class FailingCompleteStore extends InMemoryIdempotencyStore {
  override async complete(): Promise<void> {
    throw new Error("connection reset");
  }
}

const makeApp = (store = new InMemoryIdempotencyStore(new MemoryStore().committed)) => {
  const app = createApi({ logger: captureLogs().logger });
  const effects: string[] = [];
  let gate: Promise<void> = Promise.resolve();
  let entered = () => {};
  let failNext = false;
  // Stands in for `authenticate`: the caller is named by a header in these tests.
  app.use(async (c, next) => {
    const customer = c.req.header("X-Customer");
    c.set("auth", customer ? { customerId: customer, role: "customer" } : undefined);
    await next();
  });
  app.post("/v1/checkout", idempotency({ store }), async (c) => {
    const body = (await c.req.json()) as { sku: string };
    entered();
    await gate;
    if (failNext) {
      failNext = false;
      throw new Error("database went away");
    }
    effects.push(body.sku);
    if (body.sku === "SOLD-OUT") {
      return respondError(c, {
        code: "stock.insufficient",
        message: "not enough",
        skus: [{ sku: "SOLD-OUT", requested: 1, available: 0 }],
      });
    }
    return c.json({ orderId: `ord_${effects.length}`, sku: body.sku, at: Math.random() }, 201);
  });
  const checkout = (body: unknown, { key = "key-1", customer = "cus_1" }: { key?: string | null; customer?: string | null } = {}) => {
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (key !== null) headers["Idempotency-Key"] = key;
    if (customer !== null) headers["X-Customer"] = customer;
    return app.request("/v1/checkout", { method: "POST", headers, body: JSON.stringify(body) });
  };
  return {
    checkout,
    effects,
    /** Holds the next request inside the handler; `running` resolves once it is there. */
    hold: () => {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      const running = new Promise<void>((resolve) => (entered = resolve));
      return { release, running };
    },
    failOnce: () => (failNext = true),
  };
};

describe("idempotency", () => {
  it("requires an Idempotency-Key, naming the header", async () => {
    const { checkout, effects } = makeApp();
    const res = await checkout({ sku: "TEE" }, { key: null });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      code: "request.invalid",
      errors: [{ path: "header.idempotency-key", message: "is required" }],
    });
    expect(effects).toEqual([]);
  });

  it("refuses a key with spaces or control characters", async () => {
    const { checkout } = makeApp();
    expect((await checkout({ sku: "TEE" }, { key: "a b" })).status).toBe(422);
  });

  it("answers 401 for an anonymous caller", async () => {
    const { checkout } = makeApp();
    expect((await checkout({ sku: "TEE" }, { customer: null })).status).toBe(401);
  });

  it("replays the first response byte for byte without a second effect", async () => {
    const { checkout, effects } = makeApp();
    const first = await checkout({ sku: "TEE" });
    const firstBody = await first.text();
    const retry = await checkout({ sku: "TEE" });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.headers.get("content-type")).toBe("application/json");
    expect(await retry.text()).toBe(firstBody);
    expect(effects).toEqual(["TEE"]);
  });

  it("answers 422 idempotency.key_reused for the same key with another body", async () => {
    const { checkout, effects } = makeApp();
    await checkout({ sku: "TEE" });
    const res = await checkout({ sku: "MUG" });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: "idempotency.key_reused" });
    expect(effects).toEqual(["TEE"]);
  });

  it("answers 409 idempotency.in_progress while the first request still runs", async () => {
    const { checkout, effects, hold } = makeApp();
    const { release, running } = hold();
    const first = checkout({ sku: "TEE" });
    await running;
    const second = await checkout({ sku: "TEE" });
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ code: "idempotency.in_progress" });
    release();
    expect((await first).status).toBe(201);
    expect(effects).toEqual(["TEE"]);
  });

  it("keeps one customer's keys invisible to another", async () => {
    const { checkout, effects } = makeApp();
    const mine = await checkout({ sku: "TEE" }, { customer: "cus_1" });
    const theirs = await checkout({ sku: "TEE" }, { customer: "cus_2" });
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    expect(await theirs.text()).not.toBe(await mine.text());
    expect(effects).toEqual(["TEE", "TEE"]);
  });

  it("keeps a 4xx answer and replays it as a problem", async () => {
    const { checkout, effects } = makeApp();
    const first = await checkout({ sku: "SOLD-OUT" });
    const retry = await checkout({ sku: "SOLD-OUT" });
    expect(first.status).toBe(409);
    expect(retry.status).toBe(409);
    expect(retry.headers.get("content-type")).toBe("application/problem+json");
    expect(await retry.text()).toBe(await first.text());
    expect(effects).toEqual(["SOLD-OUT"]);
  });

  it("frees the key after a 5xx so the retry runs", async () => {
    const { checkout, effects, failOnce } = makeApp();
    failOnce();
    const failed = await checkout({ sku: "TEE" });
    const retry = await checkout({ sku: "TEE" });
    expect(failed.status).toBe(500);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    expect(effects).toEqual(["TEE"]);
  });

  it("still answers when the outcome cannot be recorded, and never runs the effect twice", async () => {
    const { checkout, effects } = makeApp(new FailingCompleteStore(new MemoryStore().committed));
    const first = await checkout({ sku: "TEE" });
    const retry = await checkout({ sku: "TEE" });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(409);
    expect(effects).toEqual(["TEE"]);
  });
});

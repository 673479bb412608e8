import { createHash } from "node:crypto";
import { Tokens } from "@emporium/adapters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type RegisteredCustomer, type TestApp } from "../test-support/test-app.js";
import { TEST_COUPONS } from "../test-support/test-catalog.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ADDRESS = { name: "Ada Lovelace", line1: "12 St James's Square", city: "London", postalCode: "SW1Y 4JH", country: "GB" };
const usd = (amount: number) => ({ amount, currency: "USD" });
let keys = 0;
const newKey = () => `checkout-key-${++keys}`;

/** A checkout as raw bytes, for comparing a replay with the original. */
async function checkoutRaw(token: string, key: string, body: unknown = { shippingAddress: ADDRESS }) {
  const res = await t.app.request("/v1/checkout", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, "Idempotency-Key": key },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const checkout = (token: string, body: unknown = { shippingAddress: ADDRESS }, key: string | null = newKey()) =>
  t.json("POST", "/v1/checkout", { token, body, headers: key === null ? {} : { "Idempotency-Key": key } });

async function customerWithCart(lines: [sku: string, quantity: number][]): Promise<RegisteredCustomer> {
  const customer = await t.registerCustomer();
  for (const [sku, quantity] of lines) {
    const res = await t.json("POST", "/v1/cart/items", { token: customer.accessToken, body: { sku, quantity } });
    expect(res.status).toBe(200);
  }
  return customer;
}

const stock = async (sku: string) => (await t.container.get(Tokens.Repositories).inventory.findManyBySkus([sku]))[0]!;
const ordersOf = async (token: string) => (await t.json("GET", "/v1/orders", { token })).body.items as { id: string }[];
const cartOf = async (token: string) => (await t.json("GET", "/v1/cart", { token })).body as { lines: { sku: string; quantity: number }[] };

async function metric(name: string): Promise<number> {
  const text = await (await t.app.request("/metrics")).text();
  const match = new RegExp(`^${name} (\\d+)$`, "m").exec(text);
  return match === null ? 0 : Number(match[1]);
}

describe("POST /v1/checkout", () => {
  it("turns the cart into an order pending payment, reserves the stock and empties the cart", async () => {
    const { accessToken, customer } = await customerWithCart([
      ["TEE-BLUE-L", 2],
      ["LAMP-BRASS", 1],
    ]);
    const reservedBefore = (await stock("TEE-BLUE-L")).reserved;
    const placedBefore = await metric("orders_placed_total");

    const res = await checkout(accessToken);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      number: expect.any(String),
      customerId: customer.id,
      status: "pending_payment",
      lines: [
        { sku: "TEE-BLUE-L", productSlug: "classic-tee", quantity: 2, unitPrice: usd(1999), total: usd(3998) },
        { sku: "LAMP-BRASS", quantity: 1, unitPrice: usd(3900), total: usd(3900) },
      ],
      totals: { subtotal: usd(7898), discount: usd(0), tax: usd(0), shipping: usd(0), total: usd(7898) },
      shippingAddress: ADDRESS,
      payment: { provider: "simulated", status: "pending", paymentId: expect.any(String) },
      trackingNumber: null,
      history: [],
    });
    expect(new Date(res.body.createdAt).toISOString()).toBe(res.body.createdAt);
    expect(res.body).not.toHaveProperty("reservationId");
    expect((await stock("TEE-BLUE-L")).reserved).toBe(reservedBefore + 2);
    expect((await cartOf(accessToken)).lines).toEqual([]);
    expect(await metric("orders_placed_total")).toBe(placedBefore + 1);
  });

  it("applies a coupon given at checkout", async () => {
    const { accessToken } = await customerWithCart([["LINEN-SAND-M", 2]]);
    const res = await checkout(accessToken, { shippingAddress: ADDRESS, couponCode: TEST_COUPONS.percentOff });
    expect(res.status).toBe(201);
    expect(res.body.couponCode).toBe(TEST_COUPONS.percentOff);
    expect(res.body.totals).toMatchObject({ subtotal: usd(9998), discount: usd(1000), total: usd(8998) });
  });

  it("answers 409 stock.insufficient naming the SKUs, counts it, and keeps the cart", async () => {
    const first = await customerWithCart([["SOFA-OAK-3", 2]]);
    const second = await customerWithCart([
      ["SOFA-OAK-3", 2],
      ["LAMP-BRASS", 1],
    ]);
    expect((await checkout(first.accessToken)).status).toBe(201);
    const rejectedBefore = await metric("checkouts_rejected_stock_total");
    const lampReserved = (await stock("LAMP-BRASS")).reserved;

    const res = await checkout(second.accessToken);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "stock.insufficient", skus: [{ sku: "SOFA-OAK-3", requested: 2, available: 0 }] });
    expect(await metric("checkouts_rejected_stock_total")).toBe(rejectedBefore + 1);
    // All or nothing: the lamp line was not reserved either.
    expect((await stock("LAMP-BRASS")).reserved).toBe(lampReserved);
    expect((await cartOf(second.accessToken)).lines.map((line) => line.sku)).toEqual(["SOFA-OAK-3", "LAMP-BRASS"]);
    expect(await ordersOf(second.accessToken)).toEqual([]);
  });

  it("answers 422 promotion.not_applicable for an unknown coupon and reserves nothing", async () => {
    const { accessToken } = await customerWithCart([["VNECK-WHITE-S", 1]]);
    const reserved = (await stock("VNECK-WHITE-S")).reserved;
    const res = await checkout(accessToken, { shippingAddress: ADDRESS, couponCode: "NOPE" });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: "promotion.not_applicable", reason: "unknown" });
    expect((await stock("VNECK-WHITE-S")).reserved).toBe(reserved);
    expect(await ordersOf(accessToken)).toEqual([]);
  });

  it("answers 422 for an empty cart", async () => {
    const { accessToken } = await t.registerCustomer();
    const res = await checkout(accessToken);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: "cart", message: expect.any(String) }]);
  });

  it("answers 422 listing the address fields at fault", async () => {
    const { accessToken } = await customerWithCart([["LAMP-BRASS", 1]]);
    const res = await checkout(accessToken, { shippingAddress: { ...ADDRESS, city: " ", country: "gb" } });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(["shippingAddress.city", "shippingAddress.country"]);
  });

  it.each([
    ["a total", { total: usd(1) }],
    ["a status", { status: "paid" }],
    ["lines with prices", { lines: [{ sku: "LAMP-BRASS", quantity: 1, unitPrice: usd(1) }] }],
    ["a customer id", { customerId: "someone-else" }],
  ])("refuses %s in the body (422) and places nothing", async (_what, extra) => {
    const { accessToken } = await customerWithCart([["LAMP-BRASS", 1]]);
    const reserved = (await stock("LAMP-BRASS")).reserved;
    const res = await checkout(accessToken, { shippingAddress: ADDRESS, ...extra });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(Object.keys(extra));
    expect(await ordersOf(accessToken)).toEqual([]);
    expect((await stock("LAMP-BRASS")).reserved).toBe(reserved);
    expect((await cartOf(accessToken)).lines).toEqual([expect.objectContaining({ sku: "LAMP-BRASS", quantity: 1 })]);
  });

  it("needs an Idempotency-Key (422)", async () => {
    const { accessToken } = await customerWithCart([["LAMP-BRASS", 1]]);
    const res = await checkout(accessToken, { shippingAddress: ADDRESS }, null);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: "header.idempotency-key", message: "is required" }]);
    expect(await ordersOf(accessToken)).toEqual([]);
  });

  it("needs an access token (401)", async () => {
    const res = await t.json("POST", "/v1/checkout", { body: { shippingAddress: ADDRESS }, headers: { "Idempotency-Key": newKey() } });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("auth.unauthenticated");
  });
});

describe("POST /v1/checkout idempotency", () => {
  it("replays the first response byte for byte and places no second order", async () => {
    const { accessToken } = await customerWithCart([["EARBUDS-TRAVEL", 1]]);
    const key = newKey();
    const placedBefore = await metric("orders_placed_total");

    const first = await checkoutRaw(accessToken, key);
    expect(first.status).toBe(201);
    const reserved = (await stock("EARBUDS-TRAVEL")).reserved;
    // The cart is empty now, so running the checkout again could only fail: a replay is the only way to get 201.
    const replay = await checkoutRaw(accessToken, key);
    expect(replay.status).toBe(201);
    expect(replay.text).toBe(first.text);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await ordersOf(accessToken)).toHaveLength(1);
    expect((await stock("EARBUDS-TRAVEL")).reserved).toBe(reserved);
    expect(await metric("orders_placed_total")).toBe(placedBefore + 1);
  });

  it("answers 422 idempotency.key_reused for the same key with another body", async () => {
    const { accessToken } = await customerWithCart([["EARBUDS-TRAVEL", 1]]);
    const key = newKey();
    expect((await checkoutRaw(accessToken, key)).status).toBe(201);
    const other = await checkout(accessToken, { shippingAddress: { ...ADDRESS, city: "Paris", country: "FR" } }, key);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe("idempotency.key_reused");
    expect(await ordersOf(accessToken)).toHaveLength(1);
  });

  it("answers 409 idempotency.in_progress while the first request with the key still runs", async () => {
    const { accessToken, customer } = await customerWithCart([["EARBUDS-TRAVEL", 1]]);
    const key = newKey();
    const body = JSON.stringify({ shippingAddress: ADDRESS });
    // Stands in for a first request that has claimed the key and not finished: the claim the middleware makes.
    const hash = createHash("sha256").update(`POST\n/v1/checkout\n${body}`).digest("hex");
    const store = t.container.get(Tokens.Repositories).idempotency;
    expect(await store.begin(customer.id, key, hash, new Date(), 3600)).toEqual({ state: "started" });

    const res = await checkoutRaw(accessToken, key, JSON.parse(body));
    expect(res.status).toBe(409);
    expect(JSON.parse(res.text).code).toBe("idempotency.in_progress");
    expect(await ordersOf(accessToken)).toEqual([]);

    // Once the first request gives the key up, a retry runs.
    await store.abandon(customer.id, key);
    expect((await checkoutRaw(accessToken, key, JSON.parse(body))).status).toBe(201);
  });

  it("places one order when the same key arrives several times at once", async () => {
    const { accessToken } = await customerWithCart([["EARBUDS-TRAVEL", 1]]);
    const key = newKey();
    const responses = await Promise.all(Array.from({ length: 4 }, () => checkoutRaw(accessToken, key)));
    const created = responses.filter((res) => res.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((res) => res.text)).size).toBe(1);
    for (const res of responses.filter((r) => r.status !== 201)) {
      expect(res.status).toBe(409);
      expect(JSON.parse(res.text).code).toBe("idempotency.in_progress");
    }
    expect(await ordersOf(accessToken)).toHaveLength(1);
  });

  it("keeps one customer's keys invisible to another", async () => {
    const first = await customerWithCart([["EARBUDS-TRAVEL", 1]]);
    const second = await customerWithCart([["EARBUDS-TRAVEL", 1]]);
    const key = newKey();
    const a = await checkoutRaw(first.accessToken, key);
    const b = await checkoutRaw(second.accessToken, key);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(JSON.parse(b.text).id).not.toBe(JSON.parse(a.text).id);
    expect(JSON.parse(b.text).customerId).toBe(second.customer.id);
  });
});

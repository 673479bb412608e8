import { Tokens } from "@emporium/adapters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type RegisteredCustomer, type TestApp } from "../test-support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ADDRESS = { name: "Ada Lovelace", line1: "12 St James's Square", city: "London", postalCode: "SW1Y 4JH", country: "GB" };
let keys = 0;
const newKey = () => `orders-key-${++keys}`;

/** Puts `quantity` of `sku` in the customer's cart and checks out; returns the order. */
async function placeOrder(customer: RegisteredCustomer, sku = "LAMP-BRASS", quantity = 1): Promise<{ id: string; number: string }> {
  await t.json("POST", "/v1/cart/items", { token: customer.accessToken, body: { sku, quantity } });
  const res = await t.json("POST", "/v1/checkout", {
    token: customer.accessToken,
    body: { shippingAddress: ADDRESS },
    headers: { "Idempotency-Key": newKey() },
  });
  expect(res.status).toBe(201);
  return res.body;
}

const pay = (token: string, orderId: string, paymentMethod: string, key: string | null = newKey()) =>
  t.json("POST", `/v1/orders/${orderId}/pay`, { token, body: { paymentMethod }, headers: key === null ? {} : { "Idempotency-Key": key } });
const getOrder = (token: string, orderId: string) => t.json("GET", `/v1/orders/${orderId}`, { token });
const stock = async (sku: string) => (await t.container.get(Tokens.Repositories).inventory.findManyBySkus([sku]))[0]!;

describe("GET /v1/orders", () => {
  it("lists only the caller's orders, newest first, a cursor page at a time", async () => {
    const ada = await t.registerCustomer();
    const bob = await t.registerCustomer();
    const older = await placeOrder(ada);
    const newer = await placeOrder(ada);
    await placeOrder(bob);

    const first = await t.json("GET", "/v1/orders?limit=1", { token: ada.accessToken });
    expect(first.status).toBe(200);
    expect(first.body.items.map((o: { id: string }) => o.id)).toEqual([newer.id]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.json("GET", `/v1/orders?limit=1&cursor=${first.body.nextCursor}`, { token: ada.accessToken });
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: older.id })], nextCursor: null });
  });

  it("filters by status", async () => {
    const ada = await t.registerCustomer();
    const paid = await placeOrder(ada);
    await placeOrder(ada);
    expect((await pay(ada.accessToken, paid.id, "pm_card_visa")).status).toBe(200);
    const res = await t.json("GET", "/v1/orders?status=paid", { token: ada.accessToken });
    expect(res.body.items.map((o: { id: string }) => o.id)).toEqual([paid.id]);
  });

  it("answers 400 for a cursor this list did not issue", async () => {
    const { accessToken } = await t.registerCustomer();
    for (const cursor of ["abc", Buffer.from(JSON.stringify(["x"])).toString("base64url"), "not a cursor!"]) {
      const res = await t.json("GET", `/v1/orders?cursor=${encodeURIComponent(cursor)}`, { token: accessToken });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe("request.malformed");
    }
  });

  it("answers 422 for a page size out of 1..100 or an unknown status", async () => {
    const { accessToken } = await t.registerCustomer();
    for (const query of ["limit=0", "limit=101", "status=lost"]) {
      const res = await t.json("GET", `/v1/orders?${query}`, { token: accessToken });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe("request.invalid");
    }
  });

  it("needs an access token (401)", async () => {
    expect((await t.json("GET", "/v1/orders")).status).toBe(401);
  });
});

describe("GET /v1/orders/{id}", () => {
  it("returns the caller's order", async () => {
    const ada = await t.registerCustomer();
    const order = await placeOrder(ada);
    const res = await getOrder(ada.accessToken, order.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: order.id, number: order.number, status: "pending_payment", shippingAddress: ADDRESS });
  });

  it("answers 404 order.not_found for another customer's order, exactly as for a missing one", async () => {
    const ada = await t.registerCustomer();
    const mallory = await t.registerCustomer();
    const order = await placeOrder(ada);
    const theirs = await getOrder(mallory.accessToken, order.id);
    const missing = await getOrder(mallory.accessToken, "01NOSUCHORDER0000000000000");
    expect(theirs.status).toBe(404);
    expect(theirs.body.code).toBe("order.not_found");
    expect(missing.status).toBe(404);
    expect(JSON.stringify(theirs.body)).not.toContain(order.number);
  });

  it("answers 422 for an id longer than any order id", async () => {
    const { accessToken } = await t.registerCustomer();
    const res = await getOrder(accessToken, "x".repeat(101));
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe("param.id");
  });
});

describe("POST /v1/orders/{id}/pay", () => {
  it("pays the order and commits its reservation", async () => {
    const ada = await t.registerCustomer();
    const before = await stock("HP-STUDIO-BLK");
    const order = await placeOrder(ada, "HP-STUDIO-BLK", 1);
    const res = await pay(ada.accessToken, order.id, "pm_card_visa");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: order.id, status: "paid", payment: { status: "succeeded" } });
    expect(res.body.history).toEqual([
      { from: "pending_payment", to: "paid", event: "payment_succeeded", at: expect.any(String), actor: ada.customer.id },
    ]);
    expect(await stock("HP-STUDIO-BLK")).toMatchObject({ onHand: before.onHand - 1, reserved: before.reserved });
  });

  it("answers 402 payment.declined and leaves the order payable", async () => {
    const ada = await t.registerCustomer();
    const order = await placeOrder(ada);
    const declined = await pay(ada.accessToken, order.id, "pm_card_declined");
    expect(declined.status).toBe(402);
    expect(declined.body.code).toBe("payment.declined");
    expect((await getOrder(ada.accessToken, order.id)).body.status).toBe("pending_payment");
    const retry = await pay(ada.accessToken, order.id, "pm_card_visa");
    expect(retry.status).toBe(200);
    expect(retry.body.status).toBe("paid");
  });

  it("answers 409 order.invalid_transition for an order already paid", async () => {
    const ada = await t.registerCustomer();
    const order = await placeOrder(ada);
    expect((await pay(ada.accessToken, order.id, "pm_card_visa")).status).toBe(200);
    const again = await pay(ada.accessToken, order.id, "pm_card_visa");
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "order.invalid_transition", from: "paid", event: "payment_succeeded" });
  });

  it("answers 404 for another customer's order and does not pay it", async () => {
    const ada = await t.registerCustomer();
    const mallory = await t.registerCustomer();
    const order = await placeOrder(ada);
    const res = await pay(mallory.accessToken, order.id, "pm_card_visa");
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("order.not_found");
    expect((await getOrder(ada.accessToken, order.id)).body.status).toBe("pending_payment");
  });

  it("replays a retried payment instead of paying twice", async () => {
    const ada = await t.registerCustomer();
    const order = await placeOrder(ada);
    const key = newKey();
    const first = await pay(ada.accessToken, order.id, "pm_card_visa", key);
    const retry = await pay(ada.accessToken, order.id, "pm_card_visa", key);
    expect(first.status).toBe(200);
    // Paying again for real would be 409 (already paid): the 200 is the stored answer.
    expect(retry.status).toBe(200);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(retry.body).toEqual(first.body);
  });

  it("answers 422 for an unknown payment method, an extra field or a missing key", async () => {
    const ada = await t.registerCustomer();
    const order = await placeOrder(ada);
    const unknown = await pay(ada.accessToken, order.id, "pm_card_amex");
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe("paymentMethod");
    const extra = await t.json("POST", `/v1/orders/${order.id}/pay`, {
      token: ada.accessToken,
      body: { paymentMethod: "pm_card_visa", amount: 1 },
      headers: { "Idempotency-Key": newKey() },
    });
    expect(extra.status).toBe(422);
    expect(extra.body.errors[0].path).toBe("amount");
    expect((await pay(ada.accessToken, order.id, "pm_card_visa", null)).status).toBe(422);
    expect((await getOrder(ada.accessToken, order.id)).body.status).toBe("pending_payment");
  });

  it("needs an access token (401)", async () => {
    const res = await t.json("POST", "/v1/orders/any/pay", {
      body: { paymentMethod: "pm_card_visa" },
      headers: { "Idempotency-Key": newKey() },
    });
    expect(res.status).toBe(401);
  });
});

describe("POST /v1/orders/{id}/cancel", () => {
  it("cancels an unpaid order and releases its stock", async () => {
    const ada = await t.registerCustomer();
    const before = await stock("SPEAKER-BT");
    const order = await placeOrder(ada, "SPEAKER-BT", 1);
    expect((await stock("SPEAKER-BT")).reserved).toBe(before.reserved + 1);
    const res = await t.json("POST", `/v1/orders/${order.id}/cancel`, { token: ada.accessToken });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("cancelled");
    expect(res.body.history).toEqual([expect.objectContaining({ from: "pending_payment", to: "cancelled", event: "cancel" })]);
    expect(await stock("SPEAKER-BT")).toEqual(before);
  });

  it("refunds and restocks a paid order", async () => {
    const ada = await t.registerCustomer();
    const before = await stock("VNECK-WHITE-M");
    const order = await placeOrder(ada, "VNECK-WHITE-M", 2);
    await pay(ada.accessToken, order.id, "pm_card_visa");
    const res = await t.json("POST", `/v1/orders/${order.id}/cancel`, { token: ada.accessToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "refunded", payment: { status: "refunded" } });
    expect(await stock("VNECK-WHITE-M")).toMatchObject({ onHand: before.onHand, reserved: before.reserved });
  });

  it("answers 409 order.invalid_transition for an order already cancelled", async () => {
    const ada = await t.registerCustomer();
    const order = await placeOrder(ada);
    await t.json("POST", `/v1/orders/${order.id}/cancel`, { token: ada.accessToken });
    const again = await t.json("POST", `/v1/orders/${order.id}/cancel`, { token: ada.accessToken });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "order.invalid_transition", from: "cancelled", event: "cancel" });
  });

  it("answers 404 for another customer's order, even to an admin, and leaves it alone", async () => {
    const ada = await t.registerCustomer();
    const mallory = await t.registerCustomer();
    const order = await placeOrder(ada);
    for (const token of [mallory.accessToken, await t.adminToken()]) {
      const res = await t.json("POST", `/v1/orders/${order.id}/cancel`, { token });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("order.not_found");
    }
    expect((await getOrder(ada.accessToken, order.id)).body.status).toBe("pending_payment");
  });

  it("needs an access token (401)", async () => {
    expect((await t.json("POST", "/v1/orders/any/cancel")).status).toBe(401);
  });
});

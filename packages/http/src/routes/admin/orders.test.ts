import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test-support/test-app.js";
import { placeOrder, stockOf } from "./test-support/admin-fixtures.js";

let t: TestApp;
let token: string;
let adminId: string;
beforeAll(async () => {
  t = await createTestApp();
  token = await t.adminToken();
  adminId = (await t.json("GET", "/v1/me", { token })).body.id;
});
afterAll(() => t.close());

const admin = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  t.json(method, `/v1/admin${path}`, { token, body, headers });
let keys = 0;
const refund = (orderId: string, body?: unknown, key = `refund-${++keys}`) =>
  admin("POST", `/orders/${orderId}/refund`, body, { "Idempotency-Key": key });
const ship = (orderId: string) => admin("POST", `/orders/${orderId}/ship`, { trackingNumber: `TRACK-${orderId}` });

describe("GET /v1/admin/orders", () => {
  it("lists every customer's orders, newest first, filtered by status", async () => {
    const { order: paid } = await placeOrder(t, [{ sku: "LAMP-BRASS", quantity: 1 }]);
    const { order: pending } = await placeOrder(t, [{ sku: "LAMP-BRASS", quantity: 1 }], { pay: false });
    const all = await admin("GET", "/orders?limit=100");
    expect(all.status).toBe(200);
    const ids = all.body.items.map((order: { id: string }) => order.id);
    expect(ids.indexOf(pending.id)).toBeLessThan(ids.indexOf(paid.id));
    const paidOnly = await admin("GET", "/orders?status=paid&limit=100");
    expect(paidOnly.body.items.map((order: { id: string }) => order.id)).toContain(paid.id);
    expect(paidOnly.body.items.every((order: { status: string }) => order.status === "paid")).toBe(true);
  });

  it("pages, and refuses a bad cursor (400) and an unknown status (422)", async () => {
    await placeOrder(t, [{ sku: "LAMP-BRASS", quantity: 1 }], { pay: false });
    const first = await admin("GET", "/orders?limit=1");
    expect(first.body.items).toHaveLength(1);
    const second = await admin("GET", `/orders?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect((await admin("GET", "/orders?cursor=bm90LWEtY3Vyc29y")).status).toBe(400);
    expect((await admin("GET", "/orders?status=lost")).status).toBe(422);
  });
});

describe("GET /v1/admin/orders/{id}", () => {
  it("shows any customer's order, and 404 for an unknown one", async () => {
    const { order } = await placeOrder(t, [{ sku: "TEE-BLUE-L", quantity: 2 }]);
    const res = await admin("GET", `/orders/${order.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: order.id, number: order.number, status: "paid", lines: [{ sku: "TEE-BLUE-L", quantity: 2 }] });
    const missing = await admin("GET", "/orders/no-such-order");
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe("order.not_found");
  });
});

describe("POST /v1/admin/orders/{id}/ship", () => {
  it("ships a paid order: the history shows it and the shipping notice is mailed", async () => {
    const { order, customer } = await placeOrder(t, [{ sku: "LAMP-BRASS", quantity: 1 }]);
    const res = await admin("POST", `/orders/${order.id}/ship`, { trackingNumber: "1Z999AA10123456784" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "shipped", trackingNumber: "1Z999AA10123456784" });
    expect(res.body.history.at(-1)).toMatchObject({ from: "paid", to: "shipped", event: "ship", actor: adminId });
    const own = await t.json("GET", `/v1/orders/${order.id}`, { token: customer.accessToken });
    expect(own.body.history.map((step: { to: string }) => step.to)).toEqual(["paid", "shipped"]);

    await t.drain();
    const mailbox = await admin("GET", "/mailbox?limit=100");
    const notice = mailbox.body.items.find(
      (message: { to: string; template: string }) => message.to === customer.email && message.template === "shipping_notice",
    );
    expect(notice).toMatchObject({ data: { orderNumber: order.number, trackingNumber: "1Z999AA10123456784" } });
  });

  it("answers 409 for an order that is not paid, naming from and event", async () => {
    const { order } = await placeOrder(t, [{ sku: "LAMP-BRASS", quantity: 1 }], { pay: false });
    const res = await ship(order.id);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "order.invalid_transition", from: "pending_payment", event: "ship" });
  });

  it("answers 422 without a tracking number or with unknown fields, and 404 for an unknown order", async () => {
    const { order } = await placeOrder(t, [{ sku: "LAMP-BRASS", quantity: 1 }]);
    expect((await admin("POST", `/orders/${order.id}/ship`, {})).status).toBe(422);
    expect((await admin("POST", `/orders/${order.id}/ship`, { trackingNumber: "T1", status: "delivered" })).status).toBe(422);
    expect((await admin("GET", `/orders/${order.id}`)).body.status).toBe("paid");
    expect((await ship("no-such-order")).status).toBe(404);
  });
});

describe("POST /v1/admin/orders/{id}/deliver", () => {
  it("delivers a shipped order, and refuses a paid one (409)", async () => {
    const { order } = await placeOrder(t, [{ sku: "LAMP-BRASS", quantity: 1 }]);
    const early = await admin("POST", `/orders/${order.id}/deliver`);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ from: "paid", event: "deliver" });
    await ship(order.id);
    const res = await admin("POST", `/orders/${order.id}/deliver`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("delivered");
    expect((await admin("POST", "/orders/no-such-order/deliver")).status).toBe(404);
  });
});

describe("POST /v1/admin/orders/{id}/refund", () => {
  it("refunds a delivered order and returns its stock with restock", async () => {
    const { order } = await placeOrder(t, [{ sku: "HP-STUDIO-BLK", quantity: 2 }]);
    await ship(order.id);
    await admin("POST", `/orders/${order.id}/deliver`);
    const before = await stockOf(t, "HP-STUDIO-BLK");
    const res = await refund(order.id, { restock: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "refunded", payment: { status: "refunded" } });
    expect(await stockOf(t, "HP-STUDIO-BLK")).toEqual({ onHand: before.onHand + 2, reserved: before.reserved });
  });

  it("restocks nothing without a body", async () => {
    const { order } = await placeOrder(t, [{ sku: "HP-STUDIO-WHT", quantity: 1 }]);
    await ship(order.id);
    const before = await stockOf(t, "HP-STUDIO-WHT");
    const res = await refund(order.id);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("refunded");
    expect(await stockOf(t, "HP-STUDIO-WHT")).toEqual(before);
  });

  it("replays a retry with the same key without refunding or restocking twice", async () => {
    const { order } = await placeOrder(t, [{ sku: "LINEN-SAND-M", quantity: 1 }]);
    await ship(order.id);
    const before = await stockOf(t, "LINEN-SAND-M");
    const first = await refund(order.id, { restock: true }, "same-refund-key");
    const retry = await refund(order.id, { restock: true }, "same-refund-key");
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(retry.body).toEqual(first.body);
    expect(await stockOf(t, "LINEN-SAND-M")).toEqual({ onHand: before.onHand + 1, reserved: before.reserved });
    const reused = await refund(order.id, { restock: false }, "same-refund-key");
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe("idempotency.key_reused");
  });

  it("requires an Idempotency-Key (422)", async () => {
    const { order } = await placeOrder(t, [{ sku: "LAMP-BRASS", quantity: 1 }]);
    await ship(order.id);
    const res = await admin("POST", `/orders/${order.id}/refund`, { restock: true });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: "header.idempotency-key", message: "is required" }]);
    expect((await admin("GET", `/orders/${order.id}`)).body.status).toBe("shipped");
  });

  it("answers 409 for a paid order (cancel it instead), 404 for an unknown one, 422 for unknown fields", async () => {
    const { order } = await placeOrder(t, [{ sku: "LAMP-BRASS", quantity: 1 }]);
    const res = await refund(order.id, { restock: true });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "order.invalid_transition", from: "paid", event: "refund" });
    expect((await refund("no-such-order", { restock: true })).status).toBe(404);
    const unknown = await refund(order.id, { restock: true, amount: 1 });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ path: "amount", message: "is not an accepted field" }]);
  });
});

describe("POST /v1/admin/orders/{id}/cancel", () => {
  it("cancels an unpaid order and releases its reservation", async () => {
    const before = await stockOf(t, "VNECK-WHITE-S");
    const { order } = await placeOrder(t, [{ sku: "VNECK-WHITE-S", quantity: 3 }], { pay: false });
    expect((await stockOf(t, "VNECK-WHITE-S")).reserved).toBe(before.reserved + 3);
    const res = await admin("POST", `/orders/${order.id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("cancelled");
    expect(res.body.history.at(-1)).toMatchObject({ event: "cancel", actor: adminId });
    expect(await stockOf(t, "VNECK-WHITE-S")).toEqual(before);
  });

  it("refunds and restocks a paid order", async () => {
    const before = await stockOf(t, "VNECK-WHITE-M");
    const { order } = await placeOrder(t, [{ sku: "VNECK-WHITE-M", quantity: 2 }]);
    const res = await admin("POST", `/orders/${order.id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("refunded");
    expect(await stockOf(t, "VNECK-WHITE-M")).toEqual(before);
  });

  it("answers 409 for a shipped order and 404 for an unknown one", async () => {
    const { order } = await placeOrder(t, [{ sku: "LAMP-BRASS", quantity: 1 }]);
    await ship(order.id);
    const res = await admin("POST", `/orders/${order.id}/cancel`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ from: "shipped", event: "cancel" });
    expect((await admin("POST", "/orders/no-such-order/cancel")).status).toBe(404);
  });
});

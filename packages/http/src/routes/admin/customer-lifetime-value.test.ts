import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test-support/test-app.js";
import { placeOrder, SHIPPING_ADDRESS } from "./test-support/admin-fixtures.js";

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await createTestApp();
  token = await t.adminToken();
});
afterAll(() => t.close());

const lifetimeValueOf = async (customerId: string) => {
  const res = await t.json("GET", "/v1/admin/customers?limit=100", { token });
  expect(res.status).toBe(200);
  return res.body.items.find((item: { id: string }) => item.id === customerId)?.lifetimeValue;
};

describe("lifetimeValue in GET /v1/admin/customers", () => {
  it("adds each paid order and takes each refund away, once the events are delivered", async () => {
    const { order: first, customer } = await placeOrder(t, [{ sku: "LAMP-BRASS", quantity: 1 }]);
    const customerId = customer.customer.id;
    await t.drain();
    expect(await lifetimeValueOf(customerId)).toEqual({ amount: first.totals.total, currency: "USD" });

    const cart = t.container.useCase("AddCartItem");
    expect((await cart.execute({ customerId, sku: "EARBUDS-TRAVEL", quantity: 1 })).ok).toBe(true);
    const placed = await t.container.useCase("PlaceOrder").execute({ customerId, shippingAddress: SHIPPING_ADDRESS });
    if (!placed.ok) throw new Error(placed.error.message);
    await t.container.useCase("PayOrder").execute({ orderId: placed.value.id, customerId, paymentMethod: "pm_card_visa" });
    await t.drain();
    expect((await lifetimeValueOf(customerId)).amount).toBe(first.totals.total + placed.value.totals.total);

    expect((await t.json("POST", `/v1/admin/orders/${first.id}/cancel`, { token })).status).toBe(200);
    await t.drain();
    expect((await lifetimeValueOf(customerId)).amount).toBe(placed.value.totals.total);
  });

  it("is zero for an account without paid orders", async () => {
    const { customer } = await placeOrder(t, [{ sku: "LAMP-BRASS", quantity: 1 }], { pay: false });
    await t.drain();
    expect(await lifetimeValueOf(customer.customer.id)).toEqual({ amount: 0, currency: "USD" });
  });
});

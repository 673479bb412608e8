import { GetOrder, ListOrders } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ShopFixture, expectErr, expectOk } from "./test-support/shop-fixture.js";

describe("GetOrder and ListOrders", () => {
  let shop: ShopFixture;
  let alice: string;
  let bob: string;

  beforeEach(async () => {
    shop = new ShopFixture();
    await shop.addProduct("mug", [{ sku: "MUG", price: 1250, stock: 50 }]);
    alice = (await shop.addCustomer()).id;
    bob = (await shop.addCustomer()).id;
  });

  it("shows an order to its owner and to admins only", async () => {
    const order = await shop.placeOrder(alice, [{ sku: "MUG", quantity: 1 }]);
    const get = new GetOrder(shop.deps);
    expect(expectOk(await get.execute({ orderId: order.id, customerId: alice }))).toEqual(order);
    expect(expectOk(await get.execute({ orderId: order.id })).id).toBe(order.id);
    expect(expectErr(await get.execute({ orderId: order.id, customerId: bob }))).toMatchObject({ code: "order.not_found" });
    expect(expectErr(await get.execute({ orderId: "missing" }))).toMatchObject({ code: "order.not_found" });
  });

  it("pages a customer's orders newest first, filtered by status", async () => {
    const placed = [];
    for (let i = 0; i < 5; i++) {
      shop.clock.advanceSeconds(60);
      placed.push(await shop.placeOrder(i === 2 ? bob : alice, [{ sku: "MUG", quantity: 1 }]));
    }
    await shop.paidOrder(bob, [{ sku: "MUG", quantity: 1 }]);
    const list = new ListOrders(shop.deps);

    const first = expectOk(await list.execute({ customerId: alice, limit: 3 }));
    expect(first.items.map((o) => o.number)).toEqual(["EM-000005", "EM-000004", "EM-000002"]);
    const second = expectOk(await list.execute({ customerId: alice, limit: 3, cursor: first.nextCursor }));
    expect(second).toEqual({ items: [expect.objectContaining({ number: "EM-000001" })], nextCursor: null });

    expect(expectOk(await list.execute({ status: "paid" })).items.map((o) => o.customerId)).toEqual([bob]);
    expect(expectOk(await list.execute({})).items).toHaveLength(6);
    expect(expectOk(await list.execute({ limit: 1000 })).items).toHaveLength(6);
    await expect(list.execute({ cursor: "not-a-cursor" })).rejects.toThrow(/cursor/);
  });
});

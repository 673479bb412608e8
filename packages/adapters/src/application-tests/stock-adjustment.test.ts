import { AdjustStock, SetStock, type Actor } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, ShopFixture, expectErr, expectOk } from "./test-support/shop-fixture.js";

describe("AdjustStock and SetStock", () => {
  let shop: ShopFixture;
  let customerId: string;

  beforeEach(async () => {
    shop = new ShopFixture();
    await shop.addProduct("mug", [{ sku: "MUG", price: 1250, stock: 10, lowStockThreshold: 3 }]);
    customerId = (await shop.addCustomer()).id;
  });

  const adjust = (delta: number, actor: Actor = ADMIN, sku = "MUG") =>
    new AdjustStock(shop.deps).execute({ sku, delta, reason: "adjustment", actor, note: "stocktake", requestId: "req-9" });

  it("adds and removes units with a movement, events and an audit entry", async () => {
    expect(expectOk(await adjust(5))).toMatchObject({ sku: "MUG", onHand: 15, reserved: 0 });
    expect(expectOk(await adjust(-4))).toMatchObject({ onHand: 11 });

    const movements = await shop.deps.repos.inventory.listMovements("MUG", { limit: 10 });
    expect(movements.items.map((m) => [m.delta, m.reason, m.actor, m.note])).toEqual([
      [-4, "adjustment", ADMIN.id, "stocktake"],
      [5, "adjustment", ADMIN.id, "stocktake"],
    ]);
    expect((await shop.events("stock.changed")).map((e) => e.payload["onHand"])).toEqual([15, 11]);
    expect(shop.persistence.state.audit.map((a) => [a.action, a.entityId, (a.after as { onHand: number }).onHand, a.requestId])).toEqual([
      ["inventory.adjust", "MUG", 15, "req-9"],
      ["inventory.adjust", "MUG", 11, "req-9"],
    ]);
  });

  it("announces stock.low only when the level crosses its threshold", async () => {
    expectOk(await adjust(-7));
    expectOk(await adjust(-1));
    expect((await shop.events("stock.low")).map((e) => e.payload["available"])).toEqual([3]);
  });

  it("never takes on hand below what checkouts hold", async () => {
    await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 6 }]);
    const error = expectErr(await adjust(-5));
    expect(error).toMatchObject({ code: "request.invalid", errors: [{ path: "delta" }] });
    expect(await shop.level("MUG")).toMatchObject({ onHand: 10, reserved: 6 });
    expect(expectOk(await adjust(-4))).toMatchObject({ onHand: 6, reserved: 6 });
  });

  it("validates the delta, the reason, the SKU and the actor", async () => {
    expect(expectErr(await adjust(0))).toMatchObject({ code: "request.invalid", errors: [{ path: "delta" }] });
    expect(expectErr(await adjust(1.5))).toMatchObject({ code: "request.invalid" });
    expect(expectErr(await new AdjustStock(shop.deps).execute({ sku: "MUG", delta: 1, reason: "sale", actor: ADMIN }))).toMatchObject({
      code: "request.invalid",
      errors: [{ path: "reason" }],
    });
    expect(expectErr(await adjust(1, ADMIN, "NOPE"))).toMatchObject({ code: "inventory.not_found" });
    expect(expectErr(await adjust(1, { id: customerId, role: "customer" }))).toMatchObject({ code: "auth.forbidden" });
    expect(await shop.level("MUG")).toMatchObject({ onHand: 10 });
    expect(shop.persistence.state.movements).toHaveLength(0);
  });

  it("creates the missing level of a catalogue SKU", async () => {
    const product = await shop.addProduct("cup", [{ sku: "CUP", price: 500, stock: 0 }]);
    shop.persistence.state.stock.delete("CUP");
    expect(product.variants[0]?.sku).toBe("CUP");
    expect(expectOk(await adjust(3, ADMIN, "CUP"))).toMatchObject({ sku: "CUP", onHand: 3, lowStockThreshold: 2 });
  });

  it("sets a counted number as one movement, and records nothing when it matches", async () => {
    const setStock = new SetStock(shop.deps);
    expect(
      expectOk(await setStock.execute({ sku: "MUG", onHand: 4, reason: "import", actor: { id: "system", role: "system" } })),
    ).toMatchObject({ onHand: 4 });
    expect(expectOk(await setStock.execute({ sku: "MUG", onHand: 4, reason: "import", actor: ADMIN }))).toMatchObject({ onHand: 4 });
    const movements = await shop.deps.repos.inventory.listMovements("MUG", { limit: 10 });
    expect(movements.items.map((m) => [m.delta, m.reason])).toEqual([[-6, "import"]]);
    expect(shop.persistence.state.audit.map((a) => [a.action, a.actor])).toEqual([["inventory.set", "system"]]);

    expect(expectErr(await setStock.execute({ sku: "MUG", onHand: -1, reason: "import", actor: ADMIN }))).toMatchObject({
      code: "request.invalid",
      errors: [{ path: "onHand" }],
    });
    await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 3 }]);
    expect(expectErr(await setStock.execute({ sku: "MUG", onHand: 2, reason: "adjustment", actor: ADMIN }))).toMatchObject({
      code: "request.invalid",
      errors: [{ path: "onHand" }],
    });
  });
});

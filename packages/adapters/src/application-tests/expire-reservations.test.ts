import { ExpireReservations } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ShopFixture, expectOk } from "./test-support/shop-fixture.js";

describe("ExpireReservations", () => {
  let shop: ShopFixture;
  let customerId: string;

  beforeEach(async () => {
    shop = new ShopFixture();
    await shop.addProduct("mug", [{ sku: "MUG", price: 1250, stock: 10 }]);
    customerId = (await shop.addCustomer()).id;
  });

  it("releases due reservations and cancels their orders, leaving the rest alone", async () => {
    const old = await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 3 }]);
    shop.clock.advanceSeconds(600);
    const recent = await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 2 }]);
    shop.clock.advanceSeconds(301);

    expect(expectOk(await new ExpireReservations(shop.deps).execute({ limit: 10 }))).toEqual({ expired: 1 });
    expect((await shop.order(old.id)).status).toBe("cancelled");
    expect((await shop.order(old.id)).history).toEqual([expect.objectContaining({ event: "reservation_expired", actor: "system" })]);
    expect((await shop.order(recent.id)).status).toBe("pending_payment");
    expect(await shop.level("MUG")).toMatchObject({ onHand: 10, reserved: 2 });
    expect((await shop.deps.repos.inventory.findReservationById(old.reservationId))?.status).toBe("expired");
    expect((await shop.events("order.cancelled")).map((e) => e.payload)).toEqual([
      expect.objectContaining({ orderId: old.id, reason: "reservation_expired" }),
    ]);
  });

  it("honours the limit and an explicit time", async () => {
    for (let i = 0; i < 3; i++) await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 1 }]);
    const sweeper = new ExpireReservations(shop.deps);
    const later = new Date(shop.clock.now().getTime() + 901_000);
    expect(expectOk(await sweeper.execute({ limit: 2, now: later })).expired).toBe(2);
    expect(expectOk(await sweeper.execute({ limit: 2, now: later })).expired).toBe(1);
    expect(expectOk(await sweeper.execute({ limit: 2, now: later })).expired).toBe(0);
    expect(await shop.level("MUG")).toMatchObject({ reserved: 0 });
  });

  it("leaves paid orders alone", async () => {
    await shop.paidOrder(customerId, [{ sku: "MUG", quantity: 4 }]);
    shop.clock.advanceSeconds(3600);
    expect(expectOk(await new ExpireReservations(shop.deps).execute({ limit: 10 })).expired).toBe(0);
    expect(await shop.level("MUG")).toMatchObject({ onHand: 6, reserved: 0 });
  });

  it("releases each reservation exactly once when sweepers race", async () => {
    const orders = [];
    for (let i = 0; i < 4; i++) orders.push(await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 2 }]));
    shop.clock.advanceSeconds(901);

    const results = await Promise.all([1, 2, 3].map(() => new ExpireReservations(shop.deps).execute({ limit: 10 })));
    expect(results.map((r) => expectOk(r).expired).reduce((a, b) => a + b, 0)).toBe(4);
    expect(await shop.level("MUG")).toMatchObject({ onHand: 10, reserved: 0 });
    expect(await shop.events("order.cancelled")).toHaveLength(4);
    for (const order of orders) expect((await shop.order(order.id)).history).toHaveLength(1);
  });

  it("does not expire a reservation that became due after the sweep listed it but was paid meanwhile", async () => {
    const placed = await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 1 }]);
    shop.clock.advanceSeconds(901);
    await shop.deps.repos.inventory.updateReservationStatus(placed.reservationId, "active", "committed");
    expect(await new ExpireReservations(shop.deps).expire(placed.reservationId, shop.clock.now())).toBe(false);
    expect(await shop.level("MUG")).toMatchObject({ reserved: 1 });
  });
});

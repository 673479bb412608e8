import { CancelOrder, type Actor } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, ShopFixture, expectErr, expectOk } from "./test-support/shop-fixture.js";

describe("CancelOrder", () => {
  let shop: ShopFixture;
  let customer: Actor;

  beforeEach(async () => {
    shop = new ShopFixture();
    await shop.addProduct("mug", [{ sku: "MUG", price: 1250, stock: 5 }]);
    customer = { id: (await shop.addCustomer()).id, role: "customer" };
  });

  const cancel = (orderId: string, actor: Actor = customer) => new CancelOrder(shop.deps).execute({ orderId, actor });

  it("releases the reservation of an unpaid order", async () => {
    const placed = await shop.placeOrder(customer.id, [{ sku: "MUG", quantity: 2 }]);
    const cancelled = expectOk(await cancel(placed.id));

    expect(cancelled).toMatchObject({ status: "cancelled", payment: { status: "pending" } });
    expect(cancelled.history).toEqual([expect.objectContaining({ event: "cancel", to: "cancelled", actor: customer.id })]);
    expect(await shop.level("MUG")).toMatchObject({ onHand: 5, reserved: 0 });
    expect((await shop.deps.repos.inventory.findReservationById(placed.reservationId))?.status).toBe("released");
    expect((await shop.events("order.cancelled")).map((e) => e.payload["reason"])).toEqual(["cancelled_by_customer"]);
    expect(shop.persistence.state.audit).toEqual([]);
  });

  it("refunds and restocks a paid order", async () => {
    const paid = await shop.paidOrder(customer.id, [{ sku: "MUG", quantity: 2 }]);
    expect(await shop.level("MUG")).toMatchObject({ onHand: 3 });
    const refunded = expectOk(await cancel(paid.id));

    expect(refunded).toMatchObject({ status: "refunded", payment: { status: "refunded" } });
    expect(await shop.level("MUG")).toMatchObject({ onHand: 5, reserved: 0 });
    const movements = await shop.deps.repos.inventory.listMovements("MUG", { limit: 10 });
    expect(movements.items.map((m) => [m.reason, m.delta])).toEqual([
      ["restock", 2],
      ["sale", -2],
    ]);
    expect(shop.payments.find(paid.payment.paymentId)?.refunds).toEqual([{ key: `${paid.id}:refund`, amount: paid.totals.total }]);
    expect((await shop.events("order.refunded")).map((e) => e.payload["orderId"])).toEqual([paid.id]);
  });

  it("hides other customers' orders", async () => {
    const placed = await shop.placeOrder(customer.id, [{ sku: "MUG", quantity: 1 }]);
    const stranger: Actor = { id: (await shop.addCustomer()).id, role: "customer" };
    expect(expectErr(await cancel(placed.id, stranger))).toMatchObject({ code: "order.not_found" });
    expect(expectErr(await cancel("missing"))).toMatchObject({ code: "order.not_found" });
    expect((await shop.order(placed.id)).status).toBe("pending_payment");
  });

  it("lets an admin cancel any order, with an audit entry", async () => {
    const placed = await shop.placeOrder(customer.id, [{ sku: "MUG", quantity: 1 }]);
    const cancelled = expectOk(await new CancelOrder(shop.deps).execute({ orderId: placed.id, actor: ADMIN, requestId: "req-7" }));
    expect(cancelled.status).toBe("cancelled");
    expect(shop.persistence.state.audit).toEqual([
      expect.objectContaining({
        actor: ADMIN.id,
        action: "order.cancel",
        entityType: "order",
        entityId: placed.id,
        before: { status: "pending_payment" },
        after: { status: "cancelled" },
        requestId: "req-7",
      }),
    ]);
  });

  it("refuses orders that have shipped or are already cancelled", async () => {
    const placed = await shop.placeOrder(customer.id, [{ sku: "MUG", quantity: 1 }]);
    expectOk(await cancel(placed.id));
    expect(expectErr(await cancel(placed.id))).toMatchObject({ code: "order.invalid_transition", from: "cancelled", event: "cancel" });
    expect(await shop.level("MUG")).toMatchObject({ onHand: 5, reserved: 0 });
  });

  it("does not release stock twice when the reservation already expired", async () => {
    const placed = await shop.placeOrder(customer.id, [{ sku: "MUG", quantity: 2 }]);
    const { inventory } = shop.deps.repos;
    await inventory.updateReservationStatus(placed.reservationId, "active", "expired");
    await inventory.applyDelta("MUG", { onHand: 0, reserved: -2 });
    expectOk(await cancel(placed.id));
    expect(await shop.level("MUG")).toMatchObject({ onHand: 5, reserved: 0 });
  });
});

import { DeliverOrder, RefundOrder, ShipOrder, type Actor } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, ShopFixture, expectErr, expectOk } from "./test-support/shop-fixture.js";

describe("ShipOrder, DeliverOrder and RefundOrder", () => {
  let shop: ShopFixture;
  let customer: Actor;

  beforeEach(async () => {
    shop = new ShopFixture();
    await shop.addProduct("mug", [{ sku: "MUG", price: 1250, stock: 5 }]);
    customer = { id: (await shop.addCustomer()).id, role: "customer" };
  });

  const ship = (orderId: string, trackingNumber = "1Z999AA10123456784", actor: Actor = ADMIN) =>
    new ShipOrder(shop.deps).execute({ orderId, trackingNumber, actor, requestId: "req-1" });
  const deliver = (orderId: string, actor: Actor = ADMIN) => new DeliverOrder(shop.deps).execute({ orderId, actor });
  const refund = (orderId: string, restock: boolean, actor: Actor = ADMIN) =>
    new RefundOrder(shop.deps).execute({ orderId, restock, actor });

  it("ships a paid order with its tracking number, announces it and audits it", async () => {
    const paid = await shop.paidOrder(customer.id, [{ sku: "MUG", quantity: 1 }]);
    const shipped = expectOk(await ship(paid.id, "  1Z999  "));

    expect(shipped).toMatchObject({ status: "shipped", trackingNumber: "1Z999" });
    expect(shipped.history.at(-1)).toMatchObject({ event: "ship", from: "paid", to: "shipped", actor: ADMIN.id });
    expect((await shop.events("order.shipped")).map((e) => e.payload)).toEqual([
      expect.objectContaining({ orderId: paid.id, customerId: customer.id, trackingNumber: "1Z999" }),
    ]);
    expect(shop.persistence.state.audit).toEqual([
      expect.objectContaining({
        action: "order.ship",
        entityId: paid.id,
        after: { status: "shipped", trackingNumber: "1Z999" },
        requestId: "req-1",
      }),
    ]);
  });

  it("refuses to ship without a tracking number, an unpaid order, a missing order, or for a customer", async () => {
    const paid = await shop.paidOrder(customer.id, [{ sku: "MUG", quantity: 1 }]);
    expect(expectErr(await ship(paid.id, " "))).toMatchObject({ code: "request.invalid", errors: [{ path: "trackingNumber" }] });
    const unpaid = await shop.placeOrder(customer.id, [{ sku: "MUG", quantity: 1 }]);
    expect(expectErr(await ship(unpaid.id))).toMatchObject({ code: "order.invalid_transition", from: "pending_payment", event: "ship" });
    expect(expectErr(await ship("missing"))).toMatchObject({ code: "order.not_found" });
    expect(expectErr(await ship(paid.id, "1Z", customer))).toMatchObject({ code: "auth.forbidden" });
    expect((await shop.order(paid.id)).status).toBe("paid");
    expect(shop.persistence.state.audit).toEqual([]);
  });

  it("delivers a shipped order, and only a shipped one", async () => {
    const paid = await shop.paidOrder(customer.id, [{ sku: "MUG", quantity: 1 }]);
    expect(expectErr(await deliver(paid.id))).toMatchObject({ code: "order.invalid_transition", from: "paid", event: "deliver" });
    expectOk(await ship(paid.id));
    expect(expectOk(await deliver(paid.id)).status).toBe("delivered");
    expect(await shop.events("order.delivered")).toHaveLength(1);
    expect(expectErr(await deliver(paid.id, customer))).toMatchObject({ code: "auth.forbidden" });
    expect(expectErr(await deliver("missing"))).toMatchObject({ code: "order.not_found" });
  });

  it("refunds a delivered order and restocks the returned goods", async () => {
    const paid = await shop.paidOrder(customer.id, [{ sku: "MUG", quantity: 2 }]);
    expectOk(await ship(paid.id));
    expectOk(await deliver(paid.id));
    const refunded = expectOk(await refund(paid.id, true));

    expect(refunded).toMatchObject({ status: "refunded", payment: { status: "refunded" } });
    expect(await shop.level("MUG")).toMatchObject({ onHand: 5, reserved: 0 });
    const movements = await shop.deps.repos.inventory.listMovements("MUG", { limit: 10 });
    expect(movements.items[0]).toMatchObject({ reason: "return", delta: 2, orderId: paid.id });
    expect(shop.payments.find(paid.payment.paymentId)?.refunds).toEqual([{ key: `${paid.id}:refund`, amount: paid.totals.total }]);
    expect((await shop.events("order.refunded")).map((e) => e.payload["restocked"])).toEqual([true]);
  });

  it("refunds a shipped order without restocking", async () => {
    const paid = await shop.paidOrder(customer.id, [{ sku: "MUG", quantity: 2 }]);
    expectOk(await ship(paid.id));
    expect(expectOk(await refund(paid.id, false)).status).toBe("refunded");
    expect(await shop.level("MUG")).toMatchObject({ onHand: 3, reserved: 0 });
  });

  it("refuses to refund an order that has not shipped, twice, or for a customer", async () => {
    const paid = await shop.paidOrder(customer.id, [{ sku: "MUG", quantity: 1 }]);
    expect(expectErr(await refund(paid.id, true))).toMatchObject({ code: "order.invalid_transition", from: "paid", event: "refund" });
    expectOk(await ship(paid.id));
    expect(expectErr(await refund(paid.id, true, customer))).toMatchObject({ code: "auth.forbidden" });
    expectOk(await refund(paid.id, true));
    expect(expectErr(await refund(paid.id, true))).toMatchObject({ code: "order.invalid_transition", from: "refunded" });
    expect(expectErr(await refund("missing", true))).toMatchObject({ code: "order.not_found" });
    expect(shop.payments.find(paid.payment.paymentId)?.refunds).toHaveLength(1);
    expect(await shop.level("MUG")).toMatchObject({ onHand: 5 });
  });
});

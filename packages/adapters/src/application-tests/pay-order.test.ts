import { ExpireReservations, PayOrder, RecordPaymentFailure } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ShopFixture, expectErr, expectOk } from "./test-support/shop-fixture.js";

describe("PayOrder", () => {
  let shop: ShopFixture;
  let customerId: string;

  beforeEach(async () => {
    shop = new ShopFixture();
    await shop.addProduct("mug", [{ sku: "MUG", price: 1250, stock: 5 }]);
    customerId = (await shop.addCustomer()).id;
  });

  const pay = (orderId: string, paymentMethod = "pm_card_visa", customer = customerId) =>
    new PayOrder(shop.deps).execute({ orderId, customerId: customer, paymentMethod });

  it("charges the card, commits the reservation and sells the stock", async () => {
    const placed = await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 2 }]);
    const paid = expectOk(await pay(placed.id));

    expect(paid).toMatchObject({ status: "paid", version: 2, payment: { status: "succeeded" } });
    expect(paid.history).toEqual([
      expect.objectContaining({ from: "pending_payment", to: "paid", event: "payment_succeeded", actor: customerId }),
    ]);
    expect(await shop.order(placed.id)).toEqual(paid);
    expect(await shop.level("MUG")).toMatchObject({ onHand: 3, reserved: 0 });
    expect((await shop.deps.repos.inventory.findReservationById(placed.reservationId))?.status).toBe("committed");
    const movements = await shop.deps.repos.inventory.listMovements("MUG", { limit: 10 });
    expect(movements.items).toEqual([expect.objectContaining({ delta: -2, reason: "sale", orderId: placed.id, actor: customerId })]);
    expect(shop.payments.find(placed.payment.paymentId)?.status).toBe("succeeded");
    expect((await shop.events("order.paid")).map((e) => e.payload["orderId"])).toEqual([placed.id]);
  });

  it("records a declined card and lets the customer pay again", async () => {
    const placed = await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 1 }]);
    expect(expectErr(await pay(placed.id, "pm_card_declined"))).toMatchObject({ code: "payment.declined" });

    const declined = await shop.order(placed.id);
    expect(declined).toMatchObject({ status: "pending_payment", payment: { status: "failed", attempts: 1 } });
    expect(declined.history.map((h) => h.event)).toEqual(["payment_failed"]);
    expect(await shop.level("MUG")).toMatchObject({ onHand: 5, reserved: 1 });

    expect(expectOk(await pay(placed.id)).status).toBe("paid");
    expect(await shop.level("MUG")).toMatchObject({ onHand: 4, reserved: 0 });
  });

  it("treats an unknown payment method as declined", async () => {
    const placed = await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 1 }]);
    expect(expectErr(await pay(placed.id, "pm_card_unknown"))).toMatchObject({
      code: "payment.declined",
      message: expect.stringContaining("pm_card_visa"),
    });
  });

  it("hides other customers' orders and unknown ones", async () => {
    const placed = await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 1 }]);
    const stranger = (await shop.addCustomer()).id;
    expect(expectErr(await pay(placed.id, "pm_card_visa", stranger))).toMatchObject({ code: "order.not_found" });
    expect(expectErr(await pay("no-such-order"))).toMatchObject({ code: "order.not_found" });
    expect((await shop.order(placed.id)).status).toBe("pending_payment");
  });

  it("refuses to charge an order twice", async () => {
    const placed = await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 1 }]);
    expectOk(await pay(placed.id));
    expect(expectErr(await pay(placed.id))).toMatchObject({ code: "order.invalid_transition", from: "paid", event: "payment_succeeded" });
    expect(await shop.level("MUG")).toMatchObject({ onHand: 4, reserved: 0 });
  });

  it("does not charge once the time to pay has run out: the order is cancelled instead", async () => {
    const placed = await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 2 }]);
    shop.clock.advanceSeconds(901);
    expect(expectErr(await pay(placed.id))).toMatchObject({ code: "order.invalid_transition", from: "cancelled" });

    expect(shop.payments.find(placed.payment.paymentId)?.status).toBe("requires_payment_method");
    expect((await shop.order(placed.id)).status).toBe("cancelled");
    expect(await shop.level("MUG")).toMatchObject({ onHand: 5, reserved: 0 });
    expect((await shop.events("order.cancelled")).map((e) => e.payload["reason"])).toEqual(["reservation_expired"]);
  });
});

describe("RecordPaymentFailure", () => {
  it("counts one failure per event id and refuses orders that are no longer payable", async () => {
    const shop = new ShopFixture();
    await shop.addProduct("mug", [{ sku: "MUG", price: 1250, stock: 5 }]);
    const customerId = (await shop.addCustomer()).id;
    const placed = await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 1 }]);
    const record = new RecordPaymentFailure(shop.deps);

    expectOk(await record.execute({ paymentId: placed.payment.paymentId, eventId: "evt_1" }));
    const again = expectOk(await record.execute({ paymentId: placed.payment.paymentId, eventId: "evt_1" }));
    expect(again.payment.attempts).toBe(1);
    expect(again.history).toHaveLength(1);
    expect(expectErr(await record.execute({ paymentId: "pay_unknown", eventId: "evt_2" }))).toMatchObject({ code: "order.not_found" });

    shop.clock.advanceSeconds(901);
    expectOk(await new ExpireReservations(shop.deps).execute({ limit: 10 }));
    expect(expectErr(await record.execute({ orderId: placed.id, eventId: "evt_3" }))).toMatchObject({
      code: "order.invalid_transition",
      from: "cancelled",
      event: "payment_failed",
    });
  });
});

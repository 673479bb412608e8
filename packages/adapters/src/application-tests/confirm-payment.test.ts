import { ConfirmPayment, ExpireReservations, type Order } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ShopFixture, expectErr, expectOk } from "./test-support/shop-fixture.js";

describe("ConfirmPayment", () => {
  let shop: ShopFixture;
  let customerId: string;
  let confirm: ConfirmPayment;

  beforeEach(async () => {
    shop = new ShopFixture();
    await shop.addProduct("mug", [{ sku: "MUG", price: 1250, stock: 3 }]);
    customerId = (await shop.addCustomer()).id;
    confirm = new ConfirmPayment(shop.deps);
  });

  // What a provider webhook would report: the card was charged.
  const chargeCard = async (order: Order) => expectOk(await shop.payments.confirm(order.payment.paymentId, "pm_card_visa"));

  it("pays the order found by payment id, once per event id", async () => {
    const placed = await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 2 }]);
    await chargeCard(placed);
    const first = expectOk(await confirm.execute({ paymentId: placed.payment.paymentId, eventId: "evt_1" }));
    expect(first).toMatchObject({ outcome: "paid", order: { status: "paid" } });
    expect(first.order.history.map((h) => [h.eventId, h.actor])).toEqual([["evt_1", "system"]]);

    const replay = expectOk(await confirm.execute({ paymentId: placed.payment.paymentId, eventId: "evt_1" }));
    const other = expectOk(await confirm.execute({ orderId: placed.id, eventId: "evt_2" }));
    expect([replay.outcome, other.outcome]).toEqual(["unchanged", "unchanged"]);
    expect(await shop.level("MUG")).toMatchObject({ onHand: 1, reserved: 0 });
    expect(await shop.events("order.paid")).toHaveLength(1);
  });

  it("reports an unknown payment as order.not_found", async () => {
    expect(expectErr(await confirm.execute({ paymentId: "pay_nope", eventId: "evt_1" }))).toMatchObject({ code: "order.not_found" });
  });

  it("commits a reservation that is past its time but not yet swept: the stock is still held", async () => {
    const placed = await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 2 }]);
    shop.clock.advanceSeconds(3600);
    await chargeCard(placed);
    expect(expectOk(await confirm.execute({ orderId: placed.id, eventId: "evt_1" })).outcome).toBe("paid");
    expect(await shop.level("MUG")).toMatchObject({ onHand: 1, reserved: 0 });
  });

  it("sells the stock when the hold lapsed but the shelf still has it", async () => {
    const placed = await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 2 }]);
    await lapseWithoutCancelling(placed);
    await chargeCard(placed);

    expect(expectOk(await confirm.execute({ orderId: placed.id, eventId: "evt_1" })).outcome).toBe("paid");
    expect(await shop.level("MUG")).toMatchObject({ onHand: 1, reserved: 0 });
    expect((await shop.deps.repos.inventory.findReservationById(placed.reservationId))?.status).toBe("committed");
  });

  it("cancels and refunds when the hold lapsed and the stock is gone, never going negative", async () => {
    const placed = await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 2 }]);
    await lapseWithoutCancelling(placed);
    const rival = (await shop.addCustomer()).id;
    await shop.paidOrder(rival, [{ sku: "MUG", quantity: 2 }]);
    await chargeCard(placed);

    const result = expectOk(await confirm.execute({ orderId: placed.id, eventId: "evt_1" }));
    expect(result).toMatchObject({ outcome: "refunded", order: { status: "cancelled", payment: { status: "refunded" } } });
    expect(result.order.history.map((h) => h.event)).toEqual(["reservation_expired"]);
    expect(await shop.level("MUG")).toMatchObject({ onHand: 1, reserved: 0 });
    expect(shop.payments.find(placed.payment.paymentId)?.refunds).toEqual([{ key: `${placed.id}:refund`, amount: placed.totals.total }]);
    expect((await shop.events("order.cancelled")).map((e) => e.payload)).toEqual([
      expect.objectContaining({ orderId: placed.id, reason: "payment_after_expiry", refunded: true }),
    ]);
  });

  it("refunds a payment for an order the sweeper already cancelled, exactly once", async () => {
    const placed = await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 2 }]);
    shop.clock.advanceSeconds(901);
    expect(expectOk(await new ExpireReservations(shop.deps).execute({ limit: 10 })).expired).toBe(1);
    await chargeCard(placed);

    const first = expectOk(await confirm.execute({ paymentId: placed.payment.paymentId, eventId: "evt_1" }));
    const second = expectOk(await confirm.execute({ paymentId: placed.payment.paymentId, eventId: "evt_2" }));
    expect([first.outcome, second.outcome]).toEqual(["refunded", "unchanged"]);
    expect(first.order).toMatchObject({ status: "cancelled", payment: { status: "refunded" }, version: 3 });
    expect(shop.payments.find(placed.payment.paymentId)?.refunds).toHaveLength(1);
    expect(await shop.level("MUG")).toMatchObject({ onHand: 3, reserved: 0 });
    expect((await shop.events("order.cancelled")).map((e) => e.payload["reason"])).toEqual(["reservation_expired", "payment_after_expiry"]);
  });

  // The reservation lost its hold (as after a crash between two sweeper steps) while the order still waits for payment.
  async function lapseWithoutCancelling(order: Order): Promise<void> {
    const { inventory } = shop.deps.repos;
    expect(await inventory.updateReservationStatus(order.reservationId, "active", "expired")).toBe(true);
    for (const line of order.lines) await inventory.applyDelta(line.sku, { onHand: 0, reserved: -line.quantity });
  }
});

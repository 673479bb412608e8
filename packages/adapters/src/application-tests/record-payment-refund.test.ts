import { ConfirmPayment, ExpireReservations, RecordPaymentRefund, RefundOrder, ShipOrder } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, ShopFixture, expectErr, expectOk } from "./test-support/shop-fixture.js";

describe("RecordPaymentRefund", () => {
  let shop: ShopFixture;
  let customerId: string;
  let record: RecordPaymentRefund;

  beforeEach(async () => {
    shop = new ShopFixture();
    await shop.addProduct("mug", [{ sku: "MUG", price: 1250, stock: 5 }]);
    customerId = (await shop.addCustomer()).id;
    record = new RecordPaymentRefund(shop.deps);
  });

  it("refunds and restocks a paid order once per event, without refunding again through the gateway", async () => {
    const paid = await shop.paidOrder(customerId, [{ sku: "MUG", quantity: 2 }]);
    expect(await shop.level("MUG")).toMatchObject({ onHand: 3, reserved: 0 });

    const first = expectOk(await record.execute({ paymentId: paid.payment.paymentId, eventId: "evt_r1" }));
    expect(first).toMatchObject({ outcome: "refunded", order: { status: "refunded", payment: { status: "refunded" } } });
    expect(first.order.history.at(-1)).toMatchObject({ eventId: "evt_r1", from: "paid", to: "refunded", event: "cancel" });
    expect(expectOk(await record.execute({ paymentId: paid.payment.paymentId, eventId: "evt_r1" })).outcome).toBe("unchanged");
    expect(expectOk(await record.execute({ orderId: paid.id, eventId: "evt_r2" })).outcome).toBe("unchanged");

    expect(await shop.level("MUG")).toMatchObject({ onHand: 5, reserved: 0 });
    expect((await shop.events("order.refunded")).map((e) => e.payload)).toEqual([
      expect.objectContaining({ orderId: paid.id, reason: "refunded_at_provider", restocked: true }),
    ]);
    expect(shop.payments.find(paid.payment.paymentId)?.refunds).toEqual([]);
  });

  it("refunds a shipped order and leaves the stock to the admin", async () => {
    const paid = await shop.paidOrder(customerId, [{ sku: "MUG", quantity: 1 }]);
    expectOk(await new ShipOrder(shop.deps).execute({ orderId: paid.id, trackingNumber: "1Z1", actor: ADMIN }));

    const result = expectOk(await record.execute({ paymentId: paid.payment.paymentId, eventId: "evt_r1" }));
    expect(result.order).toMatchObject({ status: "refunded", payment: { status: "refunded" } });
    expect(result.order.history.at(-1)).toMatchObject({ from: "shipped", event: "refund" });
    expect(await shop.level("MUG")).toMatchObject({ onHand: 4, reserved: 0 });
    expect((await shop.events("order.refunded"))[0]?.payload).toMatchObject({ restocked: false });
  });

  it("confirms a payment still pending first, so a refund that overtakes the success ends as the other order would", async () => {
    const placed = await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 2 }]);
    expect(await shop.level("MUG")).toMatchObject({ onHand: 5, reserved: 2 });

    const result = expectOk(await record.execute({ paymentId: placed.payment.paymentId, eventId: "evt_r1" }));
    expect(result.order).toMatchObject({ status: "refunded", payment: { status: "refunded" } });
    expect(result.order.history.map((h) => [h.eventId, h.event])).toEqual([
      ["evt_r1:payment_succeeded", "payment_succeeded"],
      ["evt_r1", "cancel"],
    ]);
    expect(await shop.level("MUG")).toMatchObject({ onHand: 5, reserved: 0 });

    const late = expectOk(await new ConfirmPayment(shop.deps).execute({ paymentId: placed.payment.paymentId, eventId: "evt_s1" }));
    expect(late).toMatchObject({ outcome: "unchanged", order: { status: "refunded" } });
    expect(await shop.level("MUG")).toMatchObject({ onHand: 5, reserved: 0 });
  });

  it("marks the payment of a cancelled order refunded and keeps its status", async () => {
    const placed = await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 2 }]);
    shop.clock.advanceSeconds(901);
    expect(expectOk(await new ExpireReservations(shop.deps).execute({ limit: 10 })).expired).toBe(1);

    const result = expectOk(await record.execute({ paymentId: placed.payment.paymentId, eventId: "evt_r1" }));
    expect(result).toMatchObject({ outcome: "refunded", order: { status: "cancelled", payment: { status: "refunded" } } });
    expect(await shop.level("MUG")).toMatchObject({ onHand: 5, reserved: 0 });
    expect(shop.payments.find(placed.payment.paymentId)?.refunds).toEqual([]);
    expect(expectOk(await record.execute({ paymentId: placed.payment.paymentId, eventId: "evt_r2" })).outcome).toBe("unchanged");
  });

  it("changes nothing for our own refund reported back", async () => {
    const paid = await shop.paidOrder(customerId, [{ sku: "MUG", quantity: 1 }]);
    expectOk(await new ShipOrder(shop.deps).execute({ orderId: paid.id, trackingNumber: "1Z1", actor: ADMIN }));
    const refunded = expectOk(await new RefundOrder(shop.deps).execute({ orderId: paid.id, restock: true, actor: ADMIN }));

    const echo = expectOk(await record.execute({ paymentId: paid.payment.paymentId, eventId: "evt_r1" }));
    expect(echo).toMatchObject({ outcome: "unchanged", order: { status: "refunded", version: refunded.version } });
    expect(await shop.events("order.refunded")).toHaveLength(1);
  });

  it("reports an unknown payment as order.not_found", async () => {
    expect(expectErr(await record.execute({ paymentId: "pi_unknown", eventId: "evt_r1" }))).toMatchObject({ code: "order.not_found" });
  });
});

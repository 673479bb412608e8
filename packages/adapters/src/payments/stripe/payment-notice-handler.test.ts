import { ConfirmPayment, createEvent, RecordPaymentFailure, RecordPaymentRefund, type Order } from "@emporium/domain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ShopFixture } from "../../application-tests/test-support/shop-fixture.js";
import { forkState } from "../../memory/memory-state.js";
import { PaymentNoticeHandler } from "./payment-notice-handler.js";
import type { PaymentNotice, PaymentNoticeKind } from "./payment-notice.js";

const STOCK = 5;
const QUANTITY = 2;

interface Placed {
  readonly shop: ShopFixture;
  readonly order: Order;
  readonly sku: string;
  readonly handler: PaymentNoticeHandler;
}

async function placedOrder(): Promise<Placed> {
  const shop = new ShopFixture();
  const sku = "MUG";
  await shop.addProduct("mug", [{ sku, price: 1250, stock: STOCK }]);
  const customer = await shop.addCustomer();
  const order = await shop.placeOrder(customer.id, [{ sku, quantity: QUANTITY }]);
  const handler = new PaymentNoticeHandler({
    confirmPayment: new ConfirmPayment(shop.deps),
    recordPaymentFailure: new RecordPaymentFailure(shop.deps),
    recordPaymentRefund: new RecordPaymentRefund(shop.deps),
  });
  return { shop, order, sku, handler };
}

const notice = (order: Order, kind: PaymentNoticeKind, eventId: string): PaymentNotice => ({
  eventId,
  kind,
  paymentId: order.payment.paymentId,
  providerEvent: `test.${kind}`,
});

/** The state that matters once every notice is in, whatever their order. */
async function finalState({ shop, order: { id }, sku }: Placed) {
  const order = await shop.order(id);
  const level = await shop.level(sku);
  // The committed outbox as it is: copying every event of every earlier run would make each run slower.
  const events = (type: "order.paid" | "order.refunded") =>
    shop.persistence.state.outbox.filter(({ event }) => event.type === type && event.payload["orderId"] === id).length;
  return {
    status: order.status,
    payment: order.payment.status,
    onHand: level.onHand,
    reserved: level.reserved,
    successes: order.history.filter((step) => step.event === "payment_succeeded").length,
    paidEvents: events("order.paid"),
    refundedEvents: events("order.refunded"),
  };
}

// What a provider may send about one payment: successes (a redelivery keeps its id; the capture of
// an authorization is a second success), declines, and a full refund.
const KINDS: readonly (readonly [PaymentNoticeKind, string])[] = [
  ["succeeded", "evt_s1"],
  ["succeeded", "evt_s2"],
  ["failed", "evt_f1"],
  ["failed", "evt_f2"],
  ["refunded", "evt_r1"],
];

describe("PaymentNoticeHandler", () => {
  it("pays, declines and refunds through the use cases and ignores payments no order knows", async () => {
    const placed = await placedOrder();
    const { shop, order, handler } = placed;
    expect(await handler.apply(notice(order, "failed", "evt_f1"))).toBe("applied");
    expect(await shop.order(order.id)).toMatchObject({ status: "pending_payment", payment: { status: "failed", attempts: 1 } });
    expect(await handler.apply(notice(order, "succeeded", "evt_s1"))).toBe("applied");
    expect(await handler.apply(notice(order, "succeeded", "evt_s1"))).toBe("unchanged");
    expect(await handler.apply(notice(order, "failed", "evt_f2"))).toBe("ignored");
    expect(await shop.order(order.id)).toMatchObject({ status: "paid", payment: { status: "succeeded" } });
    expect(await handler.apply(notice(order, "refunded", "evt_r1"))).toBe("applied");
    expect(await handler.apply(notice(order, "refunded", "evt_r1"))).toBe("unchanged");
    expect(await finalState(placed)).toMatchObject({ status: "refunded", payment: "refunded", onHand: STOCK, reserved: 0 });

    for (const kind of ["succeeded", "failed", "refunded"] as const) {
      expect(await handler.apply({ eventId: `evt_${kind}`, kind, paymentId: "pi_elsewhere", providerEvent: "x" })).toBe("ignored");
    }
  });

  it("handles the outbox event the webhook queues for the worker, and dead-letters a malformed one", async () => {
    const { shop, order, handler } = await placedOrder();
    const handle = handler.handlers()["payment.webhook_received"]!;
    const queued = (payload: Record<string, unknown>) => createEvent("payment.webhook_received", payload, { id: "ob-1", now: new Date() });

    await handle(queued({ ...notice(order, "succeeded", "evt_s1") }));
    expect((await shop.order(order.id)).status).toBe("paid");
    await expect(handle(queued({ eventId: "evt_x", kind: "chargeback", paymentId: "pi", providerEvent: "x" }))).rejects.toThrow(
      /not a payment notice/,
    );
  });

  it(
    "reaches the same final state for 1,000 random sequences of one order's notices, in any order and repeated",
    { timeout: 180_000 },
    async () => {
      const placed = await placedOrder();
      const { shop, order, handler, sku } = placed;
      // Each run starts from the order just placed: the committed tables are put back as they were.
      const pending = forkState(shop.persistence.state);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.constantFrom(...KINDS), { maxLength: 8 }), async (sequence) => {
          Object.assign(shop.persistence.state, forkState(pending));
          for (const [kind, eventId] of sequence) {
            await handler.apply(notice(order, kind, eventId));
            const level = await shop.level(sku);
            expect(level.reserved).toBeGreaterThanOrEqual(0);
            expect(level.onHand).toBeGreaterThanOrEqual(level.reserved);
          }
          const kinds = new Set(sequence.map(([kind]) => kind));
          const expected = kinds.has("refunded")
            ? { status: "refunded", payment: "refunded", onHand: STOCK, reserved: 0, successes: 1, paidEvents: 1, refundedEvents: 1 }
            : kinds.has("succeeded")
              ? {
                  status: "paid",
                  payment: "succeeded",
                  onHand: STOCK - QUANTITY,
                  reserved: 0,
                  successes: 1,
                  paidEvents: 1,
                  refundedEvents: 0,
                }
              : {
                  status: "pending_payment",
                  payment: kinds.has("failed") ? "failed" : "pending",
                  onHand: STOCK,
                  reserved: QUANTITY,
                  successes: 0,
                  paidEvents: 0,
                  refundedEvents: 0,
                };
          expect(await finalState(placed)).toEqual(expected);
          expect(shop.payments.find(order.payment.paymentId)?.refunds).toEqual([]);
        }),
        { numRuns: 1000 },
      );
    },
  );
});

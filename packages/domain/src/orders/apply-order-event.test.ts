import { describe, expect, it } from "vitest";
import { applyOrderEvent, canApply } from "./apply-order-event.js";
import type { Order, OrderEvent, OrderEventType } from "./order.js";
import { placedAt, placedOrder } from "./test-support/placed-order.js";

const later = new Date("2025-03-01T11:00:00Z");

const event = (id: string, type: OrderEventType, extra: Partial<OrderEvent> = {}): OrderEvent => ({
  id,
  type,
  at: later,
  actor: "admin-1",
  ...extra,
});

function apply(order: Order, e: OrderEvent): Order {
  const result = applyOrderEvent(order, e);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.order;
}

describe("createOrder", () => {
  it("places an order awaiting payment with an empty history", () => {
    const order = placedOrder();
    expect(order).toMatchObject({
      status: "pending_payment",
      version: 1,
      history: [],
      trackingNumber: null,
      createdAt: placedAt,
      updatedAt: placedAt,
    });
  });
});

describe("applyOrderEvent", () => {
  it("records the transition, bumps the version and stamps the event time", () => {
    const result = applyOrderEvent(placedOrder(), event("e1", "payment_succeeded"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.changed).toBe(true);
    expect(result.value.order).toMatchObject({
      status: "paid",
      version: 2,
      updatedAt: later,
      payment: { status: "succeeded", attempts: 0 },
    });
    expect(result.value.order.history).toEqual([
      { eventId: "e1", from: "pending_payment", to: "paid", event: "payment_succeeded", at: later, actor: "admin-1" },
    ]);
  });

  it("counts failed payment attempts and lets the customer pay again", () => {
    const failedTwice = apply(apply(placedOrder(), event("e1", "payment_failed")), event("e2", "payment_failed"));
    expect(failedTwice).toMatchObject({ status: "pending_payment", payment: { status: "failed", attempts: 2 }, version: 3 });
    expect(apply(failedTwice, event("e3", "payment_succeeded")).payment).toMatchObject({ status: "succeeded", attempts: 2 });
  });

  it("refunds the payment when a paid order is cancelled, but not when an unpaid one is", () => {
    const paid = apply(placedOrder(), event("e1", "payment_succeeded"));
    expect(apply(paid, event("e2", "cancel"))).toMatchObject({ status: "refunded", payment: { status: "refunded" } });
    expect(apply(placedOrder(), event("e2", "cancel"))).toMatchObject({ status: "cancelled", payment: { status: "pending" } });
  });

  it("needs a tracking number to ship, and stores it trimmed", () => {
    const paid = apply(placedOrder(), event("e1", "payment_succeeded"));
    for (const trackingNumber of [undefined, "", "   "]) {
      const result = applyOrderEvent(paid, event("e2", "ship", trackingNumber === undefined ? {} : { trackingNumber }));
      expect(result).toEqual({
        ok: false,
        error: {
          code: "request.invalid",
          message: "trackingNumber: a tracking number is required to ship an order",
          errors: [{ path: "trackingNumber", message: "a tracking number is required to ship an order" }],
        },
      });
    }
    const shipped = apply(paid, event("e2", "ship", { trackingNumber: " 1Z999 " }));
    expect(shipped).toMatchObject({ status: "shipped", trackingNumber: "1Z999" });
    expect(apply(shipped, event("e3", "deliver")).trackingNumber).toBe("1Z999");
  });

  it("rejects a pair outside the table naming from and event", () => {
    const cancelled = apply(placedOrder(), event("e1", "cancel"));
    expect(applyOrderEvent(cancelled, event("e2", "ship", { trackingNumber: "1Z" }))).toEqual({
      ok: false,
      error: {
        code: "order.invalid_transition",
        from: "cancelled",
        event: "ship",
        message: "An order in status cancelled does not accept ship; it accepts no events (it is final).",
      },
    });
    const result = applyOrderEvent(placedOrder(), event("e2", "deliver"));
    expect(result.ok ? "" : result.error.message).toBe(
      "An order in status pending_payment does not accept deliver; it accepts payment_succeeded, payment_failed, cancel, reservation_expired.",
    );
  });

  it("checks the transition before the tracking number", () => {
    expect(applyOrderEvent(placedOrder(), event("e1", "ship"))).toMatchObject({ ok: false, error: { code: "order.invalid_transition" } });
  });

  it("ignores an event id it has already applied, whatever the event says", () => {
    const paid = apply(placedOrder(), event("e1", "payment_succeeded"));
    expect(applyOrderEvent(paid, event("e1", "payment_succeeded"))).toEqual({ ok: true, value: { order: paid, changed: false } });
    expect(applyOrderEvent(paid, event("e1", "deliver"))).toEqual({ ok: true, value: { order: paid, changed: false } });
  });
});

describe("canApply", () => {
  it("answers from the table", () => {
    expect(canApply("paid", "ship")).toBe(true);
    expect(canApply("paid", "deliver")).toBe(false);
    expect(canApply("refunded", "refund")).toBe(false);
  });
});

import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { parsePaymentNotice, paymentNoticeOf } from "./payment-notice.js";

// Only the fields the mapping reads; the rest of Stripe's objects does not matter here.
const event = (type: string, object: Record<string, unknown>) => ({ id: "evt_1", type, data: { object } }) as unknown as Stripe.Event;

describe("paymentNoticeOf", () => {
  it("maps the payment events the shop acts on", () => {
    expect(paymentNoticeOf(event("payment_intent.succeeded", { id: "pi_1", status: "succeeded" }))).toEqual({
      eventId: "evt_1",
      kind: "succeeded",
      paymentId: "pi_1",
      providerEvent: "payment_intent.succeeded",
    });
    expect(paymentNoticeOf(event("payment_intent.payment_failed", { id: "pi_1" }))).toMatchObject({ kind: "failed", paymentId: "pi_1" });
    expect(paymentNoticeOf(event("payment_intent.amount_capturable_updated", { id: "pi_1", status: "requires_capture" }))).toMatchObject({
      kind: "succeeded",
    });
    expect(paymentNoticeOf(event("charge.refunded", { id: "ch_1", refunded: true, payment_intent: "pi_1" }))).toMatchObject({
      kind: "refunded",
      paymentId: "pi_1",
    });
    expect(paymentNoticeOf(event("charge.refunded", { id: "ch_1", refunded: true, payment_intent: { id: "pi_2" } }))).toMatchObject({
      paymentId: "pi_2",
    });
  });

  it("ignores partial refunds, charges without an intent, capturable updates that are not authorizations, and other types", () => {
    expect(
      paymentNoticeOf(event("charge.refunded", { id: "ch_1", refunded: false, amount_refunded: 100, payment_intent: "pi_1" })),
    ).toBeNull();
    expect(paymentNoticeOf(event("charge.refunded", { id: "ch_1", refunded: true, payment_intent: null }))).toBeNull();
    expect(paymentNoticeOf(event("payment_intent.amount_capturable_updated", { id: "pi_1", status: "canceled" }))).toBeNull();
    expect(paymentNoticeOf(event("payment_intent.created", { id: "pi_1" }))).toBeNull();
    expect(paymentNoticeOf(event("customer.created", { id: "cus_1" }))).toBeNull();
  });
});

describe("parsePaymentNotice", () => {
  it("reads a notice back from a payload and refuses anything else", () => {
    const notice = { eventId: "evt_1", kind: "refunded", paymentId: "pi_1", providerEvent: "charge.refunded" };
    expect(parsePaymentNotice(notice)).toEqual(notice);
    expect(() => parsePaymentNotice({ ...notice, kind: "disputed" })).toThrow(/not a payment notice/);
    expect(() => parsePaymentNotice({ eventId: "evt_1" })).toThrow(/not a payment notice/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStripeClient, STRIPE_API_VERSION } from "./stripe-client.js";
import { StripePaymentGateway, type StripeCaptureMethod } from "./stripe-payment-gateway.js";
import { FakeStripeServer } from "./test-support/fake-stripe-server.js";

let fake: FakeStripeServer;
beforeAll(async () => {
  fake = await FakeStripeServer.start("sk_test_gateway");
});
afterAll(async () => {
  await fake.close();
});

const gateway = (captureMethod: StripeCaptureMethod = "automatic") =>
  new StripePaymentGateway({ stripe: createStripeClient({ secretKey: "sk_test_gateway", apiBase: fake.url }), captureMethod });

let orders = 0;
const payment = (amount = 2599) => {
  const orderId = `order-${++orders}`;
  return { orderId, amount, currency: "EUR", attempt: 1, idempotencyKey: `${orderId}:1` };
};

describe("StripePaymentGateway against the fake Stripe server", () => {
  it("creates a card PaymentIntent for the order and returns its id and client secret", async () => {
    const input = payment();
    const created = await gateway().createPayment(input);

    expect(created.paymentId).toMatch(/^pi_/);
    expect(created.clientSecret).toMatch(new RegExp(`^${created.paymentId}_secret_`));
    expect(fake.paymentIntent(created.paymentId)).toMatchObject({
      amount: 2599,
      currency: "eur",
      capture_method: "automatic",
      allowed_payment_method_types: ["card"],
      metadata: { orderId: input.orderId, attempt: "1" },
      status: "requires_payment_method",
    });
    const request = fake.requests.findLast((r) => r.path === "/v1/payment_intents");
    expect(request).toMatchObject({ method: "POST", idempotencyKey: input.idempotencyKey, status: 200 });
  });

  it("asks for the pinned API version", async () => {
    expect(STRIPE_API_VERSION).toBe("2026-10-28.endive");
    const input = payment();
    await gateway().createPayment(input);
    expect(fake.requests.findLast((r) => r.idempotencyKey === input.idempotencyKey)?.stripeVersion).toBe(STRIPE_API_VERSION);
  });

  it("reuses the first PaymentIntent when the same attempt is created again", async () => {
    const input = payment();
    const first = await gateway().createPayment(input);
    const again = await gateway().createPayment(input);
    expect(again).toEqual(first);
    expect(fake.paymentIntents().filter((pi) => pi.metadata["orderId"] === input.orderId)).toHaveLength(1);

    const next = await gateway().createPayment({ ...input, attempt: 2, idempotencyKey: `${input.orderId}:2` });
    expect(next.paymentId).not.toBe(first.paymentId);
  });

  it("retries under the same key when the answer is lost, and Stripe replays instead of charging twice", async () => {
    const input = payment();
    fake.dropNextResponses(1);
    const created = await gateway().createPayment(input);

    expect(fake.paymentIntents().filter((pi) => pi.metadata["orderId"] === input.orderId)).toHaveLength(1);
    const attempts = fake.requests.filter((r) => r.path === "/v1/payment_intents" && r.idempotencyKey === input.idempotencyKey);
    expect(attempts.map((r) => r.replayed)).toEqual([false, true]);
    expect(fake.paymentIntent(created.paymentId)?.metadata["orderId"]).toBe(input.orderId);
  });

  it("refuses to confirm on the server: Stripe confirms in the browser", async () => {
    const { paymentId } = await gateway().createPayment(payment());
    expect(await gateway().confirm()).toMatchObject({ ok: false, error: { code: "payment.client_confirmation_required" } });
    expect(fake.paymentIntent(paymentId)?.status).toBe("requires_payment_method");
  });

  it("refunds a succeeded payment once per idempotency key", async () => {
    const { paymentId } = await gateway().createPayment(payment(4000));
    fake.customerConfirms(paymentId);

    await gateway().refund(paymentId, 1500, "o:refund-1");
    await gateway().refund(paymentId, 1500, "o:refund-1");
    expect(fake.refunds(paymentId).map((r) => [r.amount, r.idempotencyKey])).toEqual([[1500, "o:refund-1"]]);

    await gateway().refund(paymentId, 2500, "o:refund-2");
    expect(fake.refunds(paymentId).map((r) => r.amount)).toEqual([1500, 2500]);
  });

  it("treats a charge refunded in the dashboard as refunded, and fails loudly on other refusals", async () => {
    const { paymentId } = await gateway().createPayment(payment());
    await expect(gateway().refund(paymentId, 100, "k-unpaid")).rejects.toThrow(/requires_payment_method, so there is nothing to refund/);

    fake.customerConfirms(paymentId);
    await expect(gateway().refund(paymentId, 999_999, "k-too-much")).rejects.toThrow(/greater than unrefunded amount/);
    fake.dashboardRefund(paymentId);
    await expect(gateway().refund(paymentId, 2599, "k-after-dashboard")).resolves.toBeUndefined();
    expect(fake.refunds(paymentId)).toHaveLength(1);
  });

  it("manual capture: authorizes at checkout, captures once when asked, and cancels an uncaptured refund", async () => {
    const manual = gateway("manual");
    const shipped = await manual.createPayment(payment());
    expect(fake.paymentIntent(shipped.paymentId)?.capture_method).toBe("manual");
    fake.customerConfirms(shipped.paymentId);
    expect(fake.paymentIntent(shipped.paymentId)?.status).toBe("requires_capture");

    await manual.capture(shipped.paymentId, "o:capture");
    await manual.capture(shipped.paymentId, "o:capture");
    expect(fake.paymentIntent(shipped.paymentId)).toMatchObject({ status: "succeeded", amount_received: 2599 });
    expect(fake.requests.filter((r) => r.path.endsWith(`${shipped.paymentId}/capture`))).toHaveLength(1);

    const cancelled = await manual.createPayment(payment());
    fake.customerConfirms(cancelled.paymentId);
    await manual.refund(cancelled.paymentId, 2599, "o2:refund");
    await manual.refund(cancelled.paymentId, 2599, "o2:refund");
    expect(fake.paymentIntent(cancelled.paymentId)?.status).toBe("canceled");
    expect(fake.refunds(cancelled.paymentId)).toEqual([]);

    const unpaid = await manual.createPayment(payment());
    await expect(manual.capture(unpaid.paymentId, "o3:capture")).rejects.toThrow(/only an authorized payment can be captured/);
  });

  it("sends nothing to capture when payments capture at once", async () => {
    const before = fake.requests.length;
    await gateway("automatic").capture("pi_anything", "k");
    expect(fake.requests.length).toBe(before);
  });

  it("passes Stripe's refusals on as errors", async () => {
    await expect(gateway().createPayment({ ...payment(), currency: "EURO" })).rejects.toThrow(/Invalid currency/);
    const wrongKey = new StripePaymentGateway({ stripe: createStripeClient({ secretKey: "sk_test_other", apiBase: fake.url }) });
    await expect(wrongKey.createPayment(payment())).rejects.toThrow(/Invalid API Key/);
    await expect(gateway().createPayment(payment(0))).rejects.toThrow(/positive amount/);
  });
});

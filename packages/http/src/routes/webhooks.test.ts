import { Tokens } from "@emporium/adapters";
import type { DomainEvent } from "@emporium/domain";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SmtpSink } from "../../../adapters/src/notifications/smtp/test-support/smtp-sink.js";
import {
  FakeStripeServer,
  signStripePayload,
  type FakeStripeEvent,
} from "../../../adapters/src/payments/stripe/test-support/fake-stripe-server.js";
import { createTestApp, type RegisteredCustomer, type TestApp } from "../test-support/test-app.js";

const SECRET_KEY = "sk_test_emporium_webhooks";
const WEBHOOK_SECRET = "whsec_emporium_webhooks";
const ADDRESS = { name: "Ada Lovelace", line1: "12 St James's Square", city: "London", postalCode: "SW1Y 4JH", country: "GB" };

let fake: FakeStripeServer;
beforeAll(async () => {
  fake = await FakeStripeServer.start(SECRET_KEY);
});
afterAll(async () => {
  await fake.close();
});

const stripeEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  STRIPE_SECRET_KEY: SECRET_KEY,
  STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  STRIPE_API_BASE: fake.url,
  ...extra,
});

interface Delivery {
  readonly secret?: string;
  /** Seconds since the epoch the signature claims; now by default. */
  readonly timestamp?: number;
  /** Sent instead of the signed payload (a tampered body). */
  readonly body?: string;
  /** false: no Stripe-Signature header at all. */
  readonly signed?: boolean;
}

/** POSTs an event the way Stripe does: the JSON as bytes, signed with the endpoint's secret. */
function deliver(t: TestApp, event: FakeStripeEvent | Record<string, unknown>, options: Delivery = {}) {
  const payload = JSON.stringify(event);
  const signature = signStripePayload(payload, options.secret ?? WEBHOOK_SECRET, options.timestamp);
  return t.json("POST", "/v1/webhooks/stripe", {
    body: options.body ?? payload,
    headers: options.signed === false ? {} : { "Stripe-Signature": signature },
  });
}

async function deliverAll(t: TestApp, events: readonly (FakeStripeEvent | { readonly type: string })[]): Promise<void> {
  for (const event of events) {
    const res = await deliver(t, event);
    expect(res.status, `${event.type}: ${JSON.stringify(res.body)}`).toBe(200);
    expect(res.body).toEqual({ received: true });
  }
}

let keys = 0;
async function checkout(t: TestApp, lines: [sku: string, quantity: number][], customer?: RegisteredCustomer) {
  const buyer = customer ?? (await t.registerCustomer());
  for (const [sku, quantity] of lines) {
    expect((await t.json("POST", "/v1/cart/items", { token: buyer.accessToken, body: { sku, quantity } })).status).toBe(200);
  }
  const res = await t.json("POST", "/v1/checkout", {
    token: buyer.accessToken,
    body: { shippingAddress: ADDRESS },
    headers: { "Idempotency-Key": `webhook-checkout-${++keys}` },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return {
    buyer,
    order: res.body as { id: string; number: string; totals: { total: { amount: number } }; payment: { paymentId: string } },
  };
}

const orderOf = async (t: TestApp, id: string) => (await t.json("GET", `/v1/admin/orders/${id}`, { token: await t.adminToken() })).body;
const stockOf = async (t: TestApp, sku: string) => (await t.container.get(Tokens.Repositories).inventory.findManyBySkus([sku]))[0]!;
const outbox = async (t: TestApp, type: string) =>
  (
    await t.container
      .get(Tokens.Database)
      .db.selectFrom("outbox")
      .select(["id", "type", "payload", "created_at"])
      .where("type", "=", type)
      .execute()
  ).map((row) => ({ ...row, payload: JSON.parse(row.payload as string) as Record<string, unknown> }));
const outboxFor = async (t: TestApp, type: string, orderId: string) =>
  (await outbox(t, type)).filter((row) => row.payload["orderId"] === orderId);

describe("POST /v1/webhooks/stripe without Stripe", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: false });
  });
  afterAll(() => t.close());

  it("answers 404 webhook.not_configured while payments are simulated", async () => {
    const res = await t.json("POST", "/v1/webhooks/stripe", { body: { id: "evt_1" }, headers: { "Stripe-Signature": "t=1,v1=abc" } });
    expect(res.status).toBe(404);
    expect(res.headers.get("Content-Type")).toBe("application/problem+json");
    expect(res.body).toMatchObject({ code: "webhook.not_configured", detail: expect.stringContaining("STRIPE_WEBHOOK_SECRET") });
  });

  it("declares its answers in the OpenAPI document", async () => {
    const doc = await t.json("GET", "/openapi.json");
    expect(Object.keys(doc.body.paths["/v1/webhooks/stripe"].post.responses)).toEqual(expect.arrayContaining(["200", "400", "404"]));
  });
});

describe("Stripe payments in the embedded profile (webhooks applied in process)", () => {
  let t: TestApp;
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await createTestApp({ env: stripeEnv({ SMTP_URL: sink.url }) });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });
  afterEach(() => {
    fake.takeEvents();
  });

  it("checkout → Stripe confirms → webhook pays → cancel refunds through Stripe, with the confirmation mailed over SMTP", async () => {
    const { buyer, order } = await checkout(t, [["TEE-BLUE-M", 2]]);
    expect(order).toMatchObject({
      status: "pending_payment",
      payment: { provider: "stripe", status: "pending", paymentId: expect.stringMatching(/^pi_/) },
    });
    const intentId = order.payment.paymentId;
    expect((order.payment as { clientSecret?: string }).clientSecret).toBe(fake.paymentIntent(intentId)?.client_secret);
    expect(fake.paymentIntent(intentId)).toMatchObject({
      amount: order.totals.total.amount,
      currency: "usd",
      metadata: { orderId: order.id },
    });
    expect(await stockOf(t, "TEE-BLUE-M")).toMatchObject({ onHand: 50, reserved: 2 });

    const pay = await t.json("POST", `/v1/orders/${order.id}/pay`, {
      token: buyer.accessToken,
      body: { paymentMethod: "pm_card_visa" },
      headers: { "Idempotency-Key": "pay-with-stripe" },
    });
    expect(pay.status).toBe(409);
    expect(pay.body).toMatchObject({ code: "payment.client_confirmation_required", detail: expect.stringContaining("clientSecret") });
    expect((await orderOf(t, order.id)).payment).toMatchObject({ status: "pending" });

    await t.drain();
    const [confirmation] = sink.to(buyer.email);
    expect(confirmation?.headers["subject"]).toBe(`Order ${order.number} confirmed`);
    expect(confirmation?.text).toContain("2 × Classic Tee (colour: blue, size: M) [TEE-BLUE-M] at 19.99 USD: 39.98 USD");
    expect(confirmation?.text).toContain(`Total: ${(order.totals.total.amount / 100).toFixed(2)} USD`);
    expect(confirmation?.text).toContain("12 St James's Square");
    expect(confirmation?.html).toContain("<td>TEE-BLUE-M</td>");

    fake.customerConfirms(intentId);
    await deliverAll(t, fake.takeEvents());
    expect(await orderOf(t, order.id)).toMatchObject({ status: "paid", payment: { status: "succeeded" } });
    expect(await stockOf(t, "TEE-BLUE-M")).toMatchObject({ onHand: 48, reserved: 0 });

    const cancelled = await t.json("POST", `/v1/admin/orders/${order.id}/cancel`, { token: await t.adminToken() });
    expect(cancelled.body).toMatchObject({ status: "refunded", payment: { status: "refunded" } });
    expect(fake.refunds(intentId).map((r) => [r.amount, r.idempotencyKey])).toEqual([[order.totals.total.amount, `${order.id}:refund`]]);

    // Stripe reports the refund back (refund.created, charge.refunded): acknowledged, nothing changes twice.
    await deliverAll(t, fake.takeEvents());
    expect(await orderOf(t, order.id)).toMatchObject({ status: "refunded", payment: { status: "refunded" } });
    expect(await outboxFor(t, "order.refunded", order.id)).toHaveLength(1);
    expect(await stockOf(t, "TEE-BLUE-M")).toMatchObject({ onHand: 50, reserved: 0 });
  });

  it("refuses a tampered body, a wrong secret, a missing header and a signature 301 s old; accepts one 299 s old", async () => {
    const { order } = await checkout(t, [["TEE-BLUE-L", 1]]);
    const succeeded = fake.customerConfirms(order.payment.paymentId);
    const payload = JSON.stringify(succeeded);
    const now = Math.floor(Date.now() / 1000);

    const tampered = payload.replace(`"amount":${order.totals.total.amount}`, `"amount":${order.totals.total.amount + 1}`);
    expect(tampered).not.toBe(payload);
    const refusals = [
      await deliver(t, succeeded, { body: tampered }),
      await deliver(t, succeeded, { secret: "whsec_someone_else" }),
      await deliver(t, succeeded, { signed: false }),
      await deliver(t, succeeded, { timestamp: now - 301 }),
    ];
    for (const res of refusals) {
      expect(res.status).toBe(400);
      expect(res.headers.get("Content-Type")).toBe("application/problem+json");
      expect(res.body).toMatchObject({ code: "webhook.invalid_signature" });
    }
    expect(refusals[3]!.body.detail).toMatch(/tolerance/i);
    expect((await orderOf(t, order.id)).status).toBe("pending_payment");

    const accepted = await deliver(t, succeeded, { timestamp: now - 299 });
    expect(accepted).toMatchObject({ status: 200, body: { received: true } });
    expect((await orderOf(t, order.id)).status).toBe("paid");
  });

  it("makes one transition when the same event is delivered 20 times at once", async () => {
    const { order } = await checkout(t, [["LAMP-BRASS", 3]]);
    const succeeded = fake.customerConfirms(order.payment.paymentId);

    const answers = await Promise.all(Array.from({ length: 20 }, () => deliver(t, succeeded)));
    expect(answers.map((res) => res.status)).toEqual(Array(20).fill(200));

    const paid = await orderOf(t, order.id);
    expect(paid.status).toBe("paid");
    expect(paid.history.filter((step: { event: string }) => step.event === "payment_succeeded")).toHaveLength(1);
    expect(await outboxFor(t, "order.paid", order.id)).toHaveLength(1);
    expect(await stockOf(t, "LAMP-BRASS")).toMatchObject({ onHand: 22, reserved: 0 });
    const recorded = await t.container
      .get(Tokens.Database)
      .db.selectFrom("processed_events")
      .selectAll()
      .where("consumer", "=", "stripe.webhook")
      .where("event_id", "=", succeeded.id)
      .execute();
    expect(recorded).toHaveLength(1);
  });

  it("cancels and refunds a payment that succeeds after its reservation expired and the stock was sold", async () => {
    const late = await checkout(t, [["SOFA-OAK-3", 2]]);
    const stored = await t.container.get(Tokens.Repositories).orders.findById(late.order.id);
    // The customer took too long: the hold is past its time and the sweeper releases it.
    await t.container
      .get(Tokens.Database)
      .db.updateTable("reservations")
      .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
      .where("id", "=", stored!.reservationId)
      .execute();
    await t.container.useCase("ExpireReservations").execute({ limit: 10 });
    expect((await orderOf(t, late.order.id)).status).toBe("cancelled");

    const rival = await checkout(t, [["SOFA-OAK-3", 2]]);
    fake.customerConfirms(rival.order.payment.paymentId);
    await deliverAll(t, fake.takeEvents());
    expect((await orderOf(t, rival.order.id)).status).toBe("paid");
    expect(await stockOf(t, "SOFA-OAK-3")).toMatchObject({ onHand: 0, reserved: 0 });

    fake.customerConfirms(late.order.payment.paymentId);
    await deliverAll(t, fake.takeEvents());

    expect(await orderOf(t, late.order.id)).toMatchObject({ status: "cancelled", payment: { status: "refunded" } });
    expect(fake.refunds(late.order.payment.paymentId).map((r) => [r.amount, r.idempotencyKey])).toEqual([
      [late.order.totals.total.amount, `${late.order.id}:refund`],
    ]);
    expect(await stockOf(t, "SOFA-OAK-3")).toMatchObject({ onHand: 0, reserved: 0 });
    expect((await outboxFor(t, "order.cancelled", late.order.id)).map((row) => row.payload["reason"])).toContain("payment_after_expiry");

    // Stripe then reports that refund: nothing more happens.
    await deliverAll(t, fake.takeEvents());
    expect(fake.refunds(late.order.payment.paymentId)).toHaveLength(1);
    expect(await stockOf(t, "SOFA-OAK-3")).toMatchObject({ onHand: 0, reserved: 0 });
  });

  it("keeps a declined order payable, and a late decline never un-pays", async () => {
    const { order } = await checkout(t, [["EARBUDS-TRAVEL", 1]]);
    const intentId = order.payment.paymentId;
    fake.customerConfirms(intentId, "declined");
    await deliverAll(t, fake.takeEvents());
    expect(await orderOf(t, order.id)).toMatchObject({ status: "pending_payment", payment: { status: "failed" } });
    expect(await stockOf(t, "EARBUDS-TRAVEL")).toMatchObject({ reserved: 1 });

    fake.customerConfirms(intentId);
    await deliverAll(t, fake.takeEvents());
    expect(await orderOf(t, order.id)).toMatchObject({ status: "paid", payment: { status: "succeeded" } });

    const lateFailure = { ...fake.events().findLast((e) => e.type === "payment_intent.payment_failed")!, id: "evt_late_failure" };
    await deliverAll(t, [lateFailure]);
    expect(await orderOf(t, order.id)).toMatchObject({ status: "paid", payment: { status: "succeeded" } });
  });

  it("acknowledges event types it does not act on and payments no order knows", async () => {
    const before = await outbox(t, "order.paid");
    await deliverAll(t, [
      { id: "evt_customer", object: "event", type: "customer.created", data: { object: { id: "cus_1", object: "customer" } } },
      {
        id: "evt_elsewhere",
        object: "event",
        type: "payment_intent.succeeded",
        data: { object: { id: "pi_from_another_shop", object: "payment_intent", status: "succeeded" } },
      },
    ]);
    expect(await outbox(t, "order.paid")).toHaveLength(before.length);
  });

  it("mails the password reset link over SMTP, and the link's token resets the password", async () => {
    const customer = await t.registerCustomer();
    expect((await t.json("POST", "/v1/auth/password-reset", { body: { email: customer.email } })).status).toBe(202);
    await t.drain();

    const [mail] = sink.to(customer.email).filter((m) => m.headers["subject"] === "Reset your password");
    const link = /(https?:\/\/\S+\/password-reset\?token=(\S+))/.exec(mail!.text);
    expect(link).not.toBeNull();
    expect(mail!.html).toContain(`href="${link![1]}"`);
    const confirm = await t.json("POST", "/v1/auth/password-reset/confirm", {
      body: { token: decodeURIComponent(link![2]!), newPassword: "a brand new passphrase" },
    });
    expect(confirm.status).toBeLessThan(300);
  });
});

describe("Stripe with manual capture (authorize at checkout, capture at ship)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: stripeEnv({ STRIPE_CAPTURE_METHOD: "manual" }) });
  });
  afterAll(() => t.close());

  it("pays on authorization and captures when the order ships", async () => {
    const { order } = await checkout(t, [["HP-STUDIO-BLK", 1]]);
    const intentId = order.payment.paymentId;
    expect(fake.paymentIntent(intentId)?.capture_method).toBe("manual");

    fake.customerConfirms(intentId);
    await deliverAll(t, fake.takeEvents());
    expect((await orderOf(t, order.id)).status).toBe("paid");
    expect(fake.paymentIntent(intentId)?.status).toBe("requires_capture");

    const shipped = await t.json("POST", `/v1/admin/orders/${order.id}/ship`, {
      token: await t.adminToken(),
      body: { trackingNumber: "1Z-CAPTURE" },
    });
    expect(shipped.body).toMatchObject({ status: "shipped" });
    expect(fake.paymentIntent(intentId)).toMatchObject({ status: "succeeded", amount_received: order.totals.total.amount });
    expect(fake.requests.filter((r) => r.path === `/v1/payment_intents/${intentId}/capture`).map((r) => r.idempotencyKey)).toEqual([
      `${order.id}:capture`,
    ]);

    // The capture's payment_intent.succeeded arrives after the order moved on: nothing changes.
    await deliverAll(t, fake.takeEvents());
    expect((await orderOf(t, order.id)).status).toBe("shipped");
  });
});

describe("Stripe in the production profile (AMQP_URL: webhooks queued for the worker)", () => {
  let t: TestApp;
  beforeAll(async () => {
    // No broker is reached: the HTTP process only appends to the outbox.
    t = await createTestApp({ env: stripeEnv({ AMQP_URL: "amqp://guest:guest@127.0.0.1:1" }) });
  });
  afterAll(() => t.close());

  it("queues each event once as payment.webhook_received, and the worker's handler pays the order", async () => {
    const { order } = await checkout(t, [["VNECK-WHITE-S", 1]]);
    const succeeded = fake.customerConfirms(order.payment.paymentId);

    await deliverAll(t, [succeeded, succeeded]);
    expect((await orderOf(t, order.id)).status).toBe("pending_payment");
    const queued = await outbox(t, "payment.webhook_received");
    expect(queued.map((row) => row.payload)).toEqual([
      { eventId: succeeded.id, kind: "succeeded", paymentId: order.payment.paymentId, providerEvent: "payment_intent.succeeded" },
    ]);

    const event: DomainEvent = { id: queued[0]!.id, type: "payment.webhook_received", payload: queued[0]!.payload, occurredAt: new Date() };
    await t.container.get(Tokens.PaymentNotices).handlers()["payment.webhook_received"]!(event);
    expect((await orderOf(t, order.id)).status).toBe("paid");
  });
});

/**
 * FAKE Stripe API server for tests — not Stripe. It listens on 127.0.0.1 (random port) and speaks
 * only what StripePaymentGateway uses, in Stripe's wire format (form-encoded requests, JSON
 * objects and error envelopes), so the real Stripe SDK can be pointed at it:
 *   POST /v1/payment_intents, GET /v1/payment_intents/:id, POST /v1/payment_intents/:id/capture,
 *   POST /v1/payment_intents/:id/cancel, POST /v1/refunds.
 * It honours `Idempotency-Key` like Stripe (same key and body: the first response replayed;
 * same key, other body: 400 idempotency_error). What a customer or the dashboard would do
 * (confirm a card, refund by hand) are methods, and every change is logged as the event Stripe
 * would send, for the test to sign and deliver to the webhook.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  errorAnswer,
  FakeStripeError,
  headerOf,
  invalidParam,
  parseForm,
  readBody,
  stringRecord,
  type Answer,
  type FakeCharge,
  type FakePaymentIntent,
  type FakeRefund,
  type FakeRequest,
  type FakeStripeEvent,
  type Form,
} from "./fake-stripe-wire.js";

export {
  signStripePayload,
  type FakeCharge,
  type FakePaymentIntent,
  type FakeRefund,
  type FakeRequest,
  type FakeStripeEvent,
} from "./fake-stripe-wire.js";

const API_VERSION = "2026-10-28.endive";
const id = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);
const clone = <T>(value: T): T => structuredClone(value);

export class FakeStripeServer {
  /** Every request answered, in order. */
  readonly requests: FakeRequest[] = [];
  private readonly intents = new Map<string, FakePaymentIntent>();
  private readonly charges = new Map<string, FakeCharge>();
  private readonly refundList: FakeRefund[] = [];
  private readonly eventLog: FakeStripeEvent[] = [];
  private readonly idempotent = new Map<string, { fingerprint: string; answer: Answer }>();
  private server: Server | null = null;
  private dropResponses = 0;

  private constructor(readonly secretKey: string) {}

  /** Starts a fake that accepts `secretKey` as its only API key. */
  static async start(secretKey = "sk_test_fake"): Promise<FakeStripeServer> {
    const fake = new FakeStripeServer(secretKey);
    const server = createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    fake.server = server;
    return fake;
  }

  /** `http://127.0.0.1:<port>`, for STRIPE_API_BASE. */
  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server === null) return;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }

  /**
   * Handles the next `count` requests but drops the connection instead of answering, as a
   * timeout or a network cut after Stripe did the work would: the client must retry.
   */
  dropNextResponses(count = 1): void {
    this.dropResponses += count;
  }

  paymentIntent(intentId: string): FakePaymentIntent | undefined {
    const intent = this.intents.get(intentId);
    return intent === undefined ? undefined : clone(intent);
  }

  paymentIntents(): FakePaymentIntent[] {
    return [...this.intents.values()].map(clone);
  }

  refunds(intentId?: string): FakeRefund[] {
    return this.refundList.filter((r) => intentId === undefined || r.payment_intent === intentId).map(clone);
  }

  /** Every event so far. */
  events(): FakeStripeEvent[] {
    return this.eventLog.map(clone);
  }

  /** The events not taken yet, oldest first. */
  takeEvents(): FakeStripeEvent[] {
    return this.eventLog.splice(0).map(clone);
  }

  /**
   * What Stripe.js does when the customer confirms with a card: `succeeded` (or `requires_capture`
   * for manual capture) with a charge, or a decline that leaves the intent payable.
   */
  customerConfirms(intentId: string, outcome: "succeeded" | "declined" = "succeeded"): FakeStripeEvent {
    const intent = this.intentOrThrow(intentId);
    if (intent.status !== "requires_payment_method") throw new Error(`fake Stripe: ${intentId} is ${intent.status}, not payable`);
    if (outcome === "declined") {
      intent.last_payment_error = {
        code: "card_declined",
        decline_code: "generic_decline",
        message: "Your card was declined.",
        type: "card_error",
      };
      return this.emit("payment_intent.payment_failed", intent);
    }
    const charge: FakeCharge = {
      id: id("ch"),
      object: "charge",
      amount: intent.amount,
      amount_captured: intent.capture_method === "manual" ? 0 : intent.amount,
      amount_refunded: 0,
      captured: intent.capture_method !== "manual",
      currency: intent.currency,
      paid: true,
      payment_intent: intent.id,
      refunded: false,
      status: "succeeded",
    };
    this.charges.set(charge.id, charge);
    intent.latest_charge = charge.id;
    intent.last_payment_error = null;
    if (intent.capture_method === "manual") {
      intent.status = "requires_capture";
      intent.amount_capturable = intent.amount;
      return this.emit("payment_intent.amount_capturable_updated", intent);
    }
    intent.status = "succeeded";
    intent.amount_received = intent.amount;
    return this.emit("payment_intent.succeeded", intent);
  }

  /** A full refund made by hand in the dashboard. */
  dashboardRefund(intentId: string): FakeStripeEvent {
    const intent = this.intentOrThrow(intentId);
    this.createRefund(intent, intent.amount, null);
    return clone(this.eventLog.at(-1)!);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = (req.url ?? "/").split("?")[0]!;
    const method = req.method ?? "GET";
    const key = headerOf(req, "idempotency-key");
    const fingerprint = `${method} ${path} ${body}`;
    let answer: Answer;
    let replayed = false;
    try {
      if (headerOf(req, "authorization") !== `Bearer ${this.secretKey}`) {
        throw new FakeStripeError(401, "invalid_request_error", undefined, "Invalid API Key provided.");
      }
      const stored = method === "POST" && key !== null ? this.idempotent.get(key) : undefined;
      if (stored !== undefined && stored.fingerprint !== fingerprint) {
        throw new FakeStripeError(
          400,
          "idempotency_error",
          undefined,
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}'.`,
        );
      }
      if (stored !== undefined) {
        answer = stored.answer;
        replayed = true;
      } else {
        answer = { status: 200, body: this.route(method, path, parseForm(body), key) };
        if (method === "POST" && key !== null) this.idempotent.set(key, { fingerprint, answer });
      }
    } catch (error) {
      answer = errorAnswer(error);
      // Like Stripe, a request that ran and failed is replayed too; a refused key or API key is not stored.
      const refused = error instanceof FakeStripeError && (error.type === "idempotency_error" || error.status === 401);
      if (method === "POST" && key !== null && answer.status < 500 && !refused) this.idempotent.set(key, { fingerprint, answer });
    }
    this.requests.push({
      method,
      path,
      idempotencyKey: key,
      stripeVersion: headerOf(req, "stripe-version"),
      status: answer.status,
      replayed,
    });
    if (this.dropResponses > 0) {
      this.dropResponses--;
      res.destroy();
      return;
    }
    res.writeHead(answer.status, {
      "Content-Type": "application/json",
      "Request-Id": id("req"),
      ...(replayed ? { "Idempotent-Replayed": "true" } : {}),
    });
    res.end(JSON.stringify(answer.body));
  }

  private route(method: string, path: string, form: Form, key: string | null): unknown {
    if (method === "POST" && path === "/v1/payment_intents") return this.createIntent(form);
    if (method === "POST" && path === "/v1/refunds") return this.refundFromApi(form, key);
    const match = /^\/v1\/payment_intents\/([^/]+)(?:\/(capture|cancel))?$/.exec(path);
    if (match !== null) {
      const intent = this.intentOrMissing(match[1]!);
      if (method === "GET" && match[2] === undefined) return clone(intent);
      if (method === "POST" && match[2] === "capture") return this.capture(intent);
      if (method === "POST" && match[2] === "cancel") return this.cancel(intent, form);
    }
    throw new FakeStripeError(404, "invalid_request_error", "resource_missing", `Unrecognized request URL (${method}: ${path}).`);
  }

  private createIntent(form: Form): FakePaymentIntent {
    const amount = Number(form["amount"]);
    const currency = String(form["currency"] ?? "");
    if (!Number.isInteger(amount) || amount < 1) throw invalidParam("amount", "Amount must be a positive integer.");
    if (!/^[a-z]{3}$/.test(currency)) throw invalidParam("currency", `Invalid currency: ${currency}.`);
    const captureMethod = form["capture_method"] ?? "automatic";
    if (captureMethod !== "automatic" && captureMethod !== "manual") throw invalidParam("capture_method", "Invalid capture_method.");
    const intentId = id("pi");
    const intent: FakePaymentIntent = {
      id: intentId,
      object: "payment_intent",
      amount,
      amount_capturable: 0,
      amount_received: 0,
      currency,
      capture_method: captureMethod,
      client_secret: `${intentId}_secret_${randomBytes(8).toString("hex")}`,
      created: nowSeconds(),
      latest_charge: null,
      livemode: false,
      metadata: stringRecord(form["metadata"]),
      allowed_payment_method_types: Array.isArray(form["allowed_payment_method_types"])
        ? (form["allowed_payment_method_types"] as string[])
        : null,
      payment_method_types: Array.isArray(form["allowed_payment_method_types"])
        ? (form["allowed_payment_method_types"] as string[])
        : ["card"],
      status: "requires_payment_method",
      cancellation_reason: null,
      last_payment_error: null,
    };
    this.intents.set(intentId, intent);
    this.emit("payment_intent.created", intent);
    return clone(intent);
  }

  private capture(intent: FakePaymentIntent): FakePaymentIntent {
    if (intent.status !== "requires_capture") {
      throw new FakeStripeError(
        400,
        "invalid_request_error",
        "payment_intent_unexpected_state",
        `This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
      );
    }
    const charge = this.charges.get(intent.latest_charge!)!;
    charge.captured = true;
    charge.amount_captured = intent.amount;
    intent.status = "succeeded";
    intent.amount_capturable = 0;
    intent.amount_received = intent.amount;
    this.emit("payment_intent.succeeded", intent);
    return clone(intent);
  }

  private cancel(intent: FakePaymentIntent, form: Form): FakePaymentIntent {
    if (intent.status === "succeeded" || intent.status === "canceled") {
      throw new FakeStripeError(
        400,
        "invalid_request_error",
        "payment_intent_unexpected_state",
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}.`,
      );
    }
    const wasAuthorized = intent.status === "requires_capture";
    intent.status = "canceled";
    intent.cancellation_reason = typeof form["cancellation_reason"] === "string" ? form["cancellation_reason"] : null;
    intent.amount_capturable = 0;
    this.emit("payment_intent.canceled", intent);
    if (wasAuthorized) {
      // Cancelling an authorization gives the held amount back: Stripe reports the charge refunded.
      const charge = this.charges.get(intent.latest_charge!)!;
      charge.amount_refunded = charge.amount;
      charge.refunded = true;
      this.emit("charge.refunded", charge);
    }
    return clone(intent);
  }

  private refundFromApi(form: Form, key: string | null): FakeRefund {
    const intentId = form["payment_intent"];
    if (typeof intentId !== "string") throw invalidParam("payment_intent", "Must provide payment_intent or charge.");
    const intent = this.intentOrMissing(intentId);
    const amount = form["amount"] === undefined ? undefined : Number(form["amount"]);
    return this.createRefund(intent, amount, key);
  }

  private createRefund(intent: FakePaymentIntent, amount: number | undefined, key: string | null): FakeRefund {
    const charge = intent.latest_charge === null ? undefined : this.charges.get(intent.latest_charge);
    if (charge === undefined || intent.status !== "succeeded") {
      throw new FakeStripeError(
        400,
        "invalid_request_error",
        "payment_intent_unexpected_state",
        `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
      );
    }
    if (charge.refunded) {
      throw new FakeStripeError(400, "invalid_request_error", "charge_already_refunded", `Charge ${charge.id} has already been refunded.`);
    }
    const left = charge.amount - charge.amount_refunded;
    const value = amount ?? left;
    if (!Number.isInteger(value) || value < 1 || value > left) {
      throw new FakeStripeError(
        400,
        "invalid_request_error",
        "amount_too_large",
        `Refund amount (${value}) is greater than unrefunded amount on charge (${left}).`,
      );
    }
    const refund: FakeRefund = {
      id: id("re"),
      object: "refund",
      amount: value,
      charge: charge.id,
      currency: charge.currency,
      payment_intent: intent.id,
      status: "succeeded",
      idempotencyKey: key,
    };
    this.refundList.push(refund);
    charge.amount_refunded += value;
    charge.refunded = charge.amount_refunded === charge.amount;
    this.emit("refund.created", refund);
    this.emit("charge.refunded", charge);
    const { idempotencyKey: _key, ...wire } = refund;
    return wire as FakeRefund;
  }

  private emit(type: string, object: unknown): FakeStripeEvent {
    const event: FakeStripeEvent = {
      id: id("evt"),
      object: "event",
      api_version: API_VERSION,
      created: nowSeconds(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object: clone(object) },
    };
    this.eventLog.push(event);
    return clone(event);
  }

  private intentOrMissing(intentId: string): FakePaymentIntent {
    const intent = this.intents.get(intentId);
    if (intent === undefined) {
      throw new FakeStripeError(404, "invalid_request_error", "resource_missing", `No such payment_intent: '${intentId}'`);
    }
    return intent;
  }

  private intentOrThrow(intentId: string): FakePaymentIntent {
    const intent = this.intents.get(intentId);
    if (intent === undefined) throw new Error(`fake Stripe has no PaymentIntent ${intentId}`);
    return intent;
  }
}

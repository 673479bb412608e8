/**
 * Stripe's wire format for the FAKE Stripe server (fake-stripe-server.ts): the objects it
 * answers with, its error envelope, its form decoding, and the webhook signature.
 */
import type { IncomingMessage } from "node:http";
import Stripe from "stripe";

export interface FakePaymentIntent {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_capturable: number;
  amount_received: number;
  currency: string;
  capture_method: "automatic" | "manual";
  client_secret: string;
  created: number;
  latest_charge: string | null;
  livemode: false;
  metadata: Record<string, string>;
  allowed_payment_method_types: string[] | null;
  payment_method_types: string[];
  status: "requires_payment_method" | "requires_capture" | "succeeded" | "canceled";
  cancellation_reason: string | null;
  last_payment_error: { code: string; decline_code: string; message: string; type: "card_error" } | null;
}

export interface FakeCharge {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: boolean;
  currency: string;
  paid: true;
  payment_intent: string;
  refunded: boolean;
  status: "succeeded";
}

export interface FakeRefund {
  id: string;
  object: "refund";
  amount: number;
  charge: string;
  currency: string;
  payment_intent: string;
  status: "succeeded";
  idempotencyKey: string | null;
}

/** An event as Stripe would POST it to a webhook endpoint. */
export interface FakeStripeEvent {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
  data: { object: unknown };
}

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: string | null;
  /** The `Stripe-Version` header: the API version the client asked for. */
  readonly stripeVersion: string | null;
  readonly status: number;
  readonly replayed: boolean;
}

export type Form = Record<string, unknown>;
export type Answer = { status: number; body: unknown };

/** A refusal in Stripe's shape: `{ error: { type, code, message } }` with its status. */
export class FakeStripeError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The `Stripe-Signature` header Stripe would send with `payload`, made by the SDK's own
 * `generateTestHeaderString`; `timestamp` in seconds (default now).
 */
export function signStripePayload(payload: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp === undefined ? {} : { timestamp }) });
}

export function invalidParam(param: string, message: string): FakeStripeError {
  return new FakeStripeError(400, "invalid_request_error", "parameter_invalid", `${message} (${param})`);
}

export function errorAnswer(error: unknown): Answer {
  if (error instanceof FakeStripeError) {
    return {
      status: error.status,
      body: { error: { type: error.type, message: error.message, ...(error.code ? { code: error.code } : {}) } },
    };
  }
  return { status: 500, body: { error: { type: "api_error", message: error instanceof Error ? error.message : String(error) } } };
}

export function headerOf(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === "string" ? value : null;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Stripe's form encoding: `metadata[orderId]=…`, `payment_method_types[0]=card`. */
export function parseForm(body: string): Form {
  const form: Form = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const match = /^([^[]+)\[([^\]]*)\]$/.exec(name);
    if (match === null) {
      form[name] = value;
      continue;
    }
    const [, outer, inner] = match as unknown as [string, string, string];
    if (/^\d+$/.test(inner)) {
      const list = (Array.isArray(form[outer]) ? form[outer] : []) as string[];
      list[Number(inner)] = value;
      form[outer] = list;
    } else {
      form[outer] = { ...((form[outer] as Record<string, string> | undefined) ?? {}), [inner]: value };
    }
  }
  return form;
}

export function stringRecord(value: unknown): Record<string, string> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

import type Stripe from "stripe";

/** What a provider event says about one payment, in the shop's terms. */
export type PaymentNoticeKind = "succeeded" | "failed" | "refunded";

/**
 * A provider's webhook event reduced to what the order process needs. It is also the payload
 * of the `payment.webhook_received` outbox event, so it holds plain strings only.
 */
export interface PaymentNotice {
  /** The provider's event id: the use cases apply each one at most once. */
  readonly eventId: string;
  readonly kind: PaymentNoticeKind;
  /** The provider's payment id (a PaymentIntent id), as stored on the order. */
  readonly paymentId: string;
  /** The provider's own event type, for logs. */
  readonly providerEvent: string;
}

/**
 * The notice a Stripe event carries, or null for an event the shop does not act on.
 * `amount_capturable_updated` is the success of a manual-capture payment (authorized, captured
 * at ship); `charge.refunded` counts only once the whole charge is refunded.
 */
export function paymentNoticeOf(event: Stripe.Event): PaymentNotice | null {
  const notice = (kind: PaymentNoticeKind, paymentId: string): PaymentNotice => ({
    eventId: event.id,
    kind,
    paymentId,
    providerEvent: event.type,
  });
  switch (event.type) {
    case "payment_intent.succeeded":
      return notice("succeeded", event.data.object.id);
    case "payment_intent.amount_capturable_updated":
      return event.data.object.status === "requires_capture" ? notice("succeeded", event.data.object.id) : null;
    case "payment_intent.payment_failed":
      return notice("failed", event.data.object.id);
    case "charge.refunded": {
      const charge = event.data.object;
      const intent = typeof charge.payment_intent === "string" ? charge.payment_intent : (charge.payment_intent?.id ?? null);
      // A partial refund leaves the order as it is: orders are refunded whole.
      return charge.refunded && intent !== null ? notice("refunded", intent) : null;
    }
    default:
      return null;
  }
}

const KINDS: readonly string[] = ["succeeded", "failed", "refunded"] satisfies PaymentNoticeKind[];

/** Reads a notice back from an outbox payload; throws when it is not one (the message is dead-lettered). */
export function parsePaymentNotice(payload: Readonly<Record<string, unknown>>): PaymentNotice {
  const { eventId, kind, paymentId, providerEvent } = payload;
  if (typeof eventId !== "string" || typeof paymentId !== "string" || typeof providerEvent !== "string" || !KINDS.includes(String(kind))) {
    throw new Error(`not a payment notice: ${JSON.stringify(payload)}`);
  }
  return { eventId, kind: kind as PaymentNoticeKind, paymentId, providerEvent };
}

import { createEvent, ok, type Clock, type IdGenerator } from "@emporium/domain";
import type { Kysely } from "kysely";
import Stripe from "stripe";
import { silentLogger, type Logger } from "../../container/logger.js";
import type { Database } from "../../sql/database.js";
import type { KyselyProcessedEvents } from "../../sql/kysely-processed-events.js";
import type { KyselyUnitOfWork } from "../../sql/kysely-unit-of-work.js";
import type { NoticeOutcome, PaymentNoticeHandler } from "./payment-notice-handler.js";
import { paymentNoticeOf } from "./payment-notice.js";

/** The consumer name under which received Stripe event ids are recorded. */
export const STRIPE_WEBHOOK_CONSUMER = "stripe.webhook";

/** How old a signed event may be, in seconds (Stripe's own default). */
export const STRIPE_WEBHOOK_TOLERANCE_SECONDS = 300;

export type WebhookReceipt =
  | { readonly status: "invalid_signature"; readonly message: string }
  /** Verified, but not a type the shop acts on. */
  | { readonly status: "ignored"; readonly eventId: string; readonly type: string }
  /** This event id was received before. */
  | { readonly status: "duplicate"; readonly eventId: string }
  /** Appended to the outbox for the worker (`payment.webhook_process`). */
  | { readonly status: "queued"; readonly eventId: string }
  /** Applied in this process. */
  | { readonly status: "handled"; readonly eventId: string; readonly outcome: NoticeOutcome };

export interface StripeWebhooksOptions {
  readonly webhookSecret: string;
  /** `queue` (AMQP_URL set): the worker applies the event; `inline`: applied before answering. */
  readonly delivery: "queue" | "inline";
  readonly db: Kysely<Database>;
  readonly uow: Pick<KyselyUnitOfWork, "runWith">;
  readonly processedEvents: KyselyProcessedEvents;
  readonly handler: Pick<PaymentNoticeHandler, "apply">;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly toleranceSeconds?: number;
  readonly logger?: Logger;
}

/**
 * Receives Stripe's webhook deliveries: verifies the signature over the raw body (tolerance
 * 300 s), reduces the event to a payment notice, and drops an event id seen before. Queued, the
 * id is recorded in the same transaction as the outbox row, so an event is queued exactly once.
 * Inline, the use cases apply it (idempotent per event id, so concurrent redeliveries make one
 * transition) and the id is recorded after they succeed: a failure answers 500 and Stripe's
 * retry runs it again.
 */
export class StripeWebhooks {
  private readonly options: StripeWebhooksOptions;
  private readonly logger: Logger;

  constructor(options: StripeWebhooksOptions) {
    this.options = options;
    this.logger = options.logger ?? silentLogger;
  }

  async receive(rawBody: string, signature: string | null): Promise<WebhookReceipt> {
    const verified = this.verify(rawBody, signature);
    if ("message" in verified) return { status: "invalid_signature", message: verified.message };
    const { event } = verified;
    const notice = paymentNoticeOf(event);
    if (notice === null) return { status: "ignored", eventId: event.id, type: event.type };

    const { db, uow, processedEvents, ids, clock } = this.options;
    if (this.options.delivery === "queue") {
      const queued = await uow.runWith(async (tx, trx) => {
        if (!(await processedEvents.tryRecord(trx, STRIPE_WEBHOOK_CONSUMER, event.id, clock.now()))) return ok(false);
        await tx.outbox.append([createEvent("payment.webhook_received", { ...notice }, { id: ids.next(), now: clock.now() })]);
        return ok(true);
      });
      return queued.ok && queued.value ? { status: "queued", eventId: event.id } : { status: "duplicate", eventId: event.id };
    }

    if (await processedEvents.has(db, STRIPE_WEBHOOK_CONSUMER, event.id)) return { status: "duplicate", eventId: event.id };
    const outcome = await this.options.handler.apply(notice);
    await processedEvents.tryRecord(db, STRIPE_WEBHOOK_CONSUMER, event.id, clock.now());
    return { status: "handled", eventId: event.id, outcome };
  }

  private verify(rawBody: string, signature: string | null): { event: Stripe.Event } | { message: string } {
    if (signature === null || signature === "") return { message: "The Stripe-Signature header is missing." };
    try {
      const tolerance = this.options.toleranceSeconds ?? STRIPE_WEBHOOK_TOLERANCE_SECONDS;
      return { event: Stripe.webhooks.constructEvent(rawBody, signature, this.options.webhookSecret, tolerance) };
    } catch (error) {
      const reason = error instanceof Error ? error.message.split("\n")[0]! : String(error);
      this.logger.warn({ reason }, "Stripe webhook refused: bad signature");
      return { message: `The Stripe-Signature header does not verify: ${reason}` };
    }
  }
}

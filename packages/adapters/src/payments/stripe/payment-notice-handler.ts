import type { ConfirmPayment, RecordPaymentFailure, RecordPaymentRefund } from "@emporium/domain";
import { silentLogger, type Logger } from "../../container/logger.js";
import type { EventHandlerMap } from "../../handlers/event-handler-map.js";
import { parsePaymentNotice, type PaymentNotice } from "./payment-notice.js";

/** `applied`: the order moved. `unchanged`: it had already. `ignored`: nothing here to act on. */
export type NoticeOutcome = "applied" | "unchanged" | "ignored";

export interface PaymentNoticeHandlerDeps {
  readonly confirmPayment: Pick<ConfirmPayment, "execute">;
  readonly recordPaymentFailure: Pick<RecordPaymentFailure, "execute">;
  readonly recordPaymentRefund: Pick<RecordPaymentRefund, "execute">;
  readonly logger?: Logger;
}

/**
 * Applies payment notices to orders through the use cases, which are idempotent per event id,
 * so a notice delivered twice, late or out of order ends in the same state: a success pays (or
 * cancels and refunds when the stock is gone), a failure leaves the order payable and never
 * un-pays one, a refund refunds once. A notice about a payment no order knows is ignored, as
 * Stripe accounts also carry payments made elsewhere. The webhook runs it in process; with
 * RabbitMQ the worker runs `handlers()` on `payment.webhook_process`.
 */
export class PaymentNoticeHandler {
  private readonly logger: Logger;

  constructor(private readonly deps: PaymentNoticeHandlerDeps) {
    this.logger = deps.logger ?? silentLogger;
  }

  async apply(notice: PaymentNotice): Promise<NoticeOutcome> {
    const outcome = await this.run(notice);
    this.logger.info({ ...notice, outcome }, "payment notice applied");
    return outcome;
  }

  /** For the queue consumer: the `payment.webhook_received` events the webhook appended to the outbox. */
  handlers(): EventHandlerMap {
    return {
      "payment.webhook_received": async (event) => {
        await this.apply(parsePaymentNotice(event.payload));
      },
    };
  }

  private async run({ kind, paymentId, eventId }: PaymentNotice): Promise<NoticeOutcome> {
    switch (kind) {
      case "succeeded": {
        const confirmed = await this.deps.confirmPayment.execute({ paymentId, eventId });
        if (!confirmed.ok) return "ignored";
        return confirmed.value.outcome === "unchanged" ? "unchanged" : "applied";
      }
      case "failed": {
        // An order that has moved on (paid, cancelled) refuses the failure: a late decline never un-pays.
        const recorded = await this.deps.recordPaymentFailure.execute({ paymentId, eventId });
        return recorded.ok ? "applied" : "ignored";
      }
      case "refunded": {
        const refunded = await this.deps.recordPaymentRefund.execute({ paymentId, eventId });
        if (!refunded.ok) return "ignored";
        return refunded.value.outcome === "unchanged" ? "unchanged" : "applied";
      }
    }
  }
}

import { err, notFound, ok, type NotFoundError, type Result } from "../errors.js";
import type { DomainEvent } from "../events/domain-event.js";
import { applyOrderEvent } from "../orders/apply-order-event.js";
import type { Order, OrderEventType } from "../orders/order.js";
import type { Repositories } from "../ports/unit-of-work.js";
import { retryOnConflict, saveOrder } from "./concurrent-update.js";
import { ConfirmPayment } from "./confirm-payment.js";
import { SYSTEM_ACTOR, type AppDeps } from "./context.js";
import { orderEvent } from "./order-event.js";
import { restockLines, stockEvents } from "./stock-changes.js";

export type RecordPaymentRefundInput = ({ readonly paymentId: string } | { readonly orderId: string }) & {
  /** The provider's event id: the same refund reported twice changes nothing. */
  readonly eventId: string;
  readonly actor?: string;
};

export interface RecordedRefund {
  readonly order: Order;
  /** `refunded`: recorded now. `unchanged`: the order's payment was already refunded. */
  readonly outcome: "refunded" | "unchanged";
}

const REASON = "refunded_at_provider";

/**
 * Records a full refund made at the payment provider: from its dashboard, or one of ours that
 * its webhook reports back. The money is already back, so nothing goes through the gateway.
 * Paid (not shipped): `refunded` and restocked. Shipped or delivered: `refunded`, stock left to
 * the admin. Cancelled: the payment is marked refunded. Only a succeeded payment can be
 * refunded, so an order still pending payment is confirmed first: the provider's events may
 * arrive in any order and end in the same state.
 */
export class RecordPaymentRefund {
  private readonly confirm: ConfirmPayment;

  constructor(private readonly deps: Pick<AppDeps, "uow" | "clock" | "ids" | "payments">) {
    this.confirm = new ConfirmPayment(deps);
  }

  async execute(input: RecordPaymentRefundInput): Promise<Result<RecordedRefund, NotFoundError>> {
    const first = await this.record(input);
    if (!first.ok) return first;
    if (first.value !== "pending_payment") return ok(first.value);

    const confirmed = await this.confirm.execute({ ...lookupOf(input), eventId: `${input.eventId}:payment_succeeded`, actor: input.actor });
    if (!confirmed.ok) return confirmed;
    const second = await this.record(input);
    if (!second.ok) return second;
    if (second.value === "pending_payment")
      throw new Error(`order ${confirmed.value.order.id} stayed pending after its payment was confirmed`);
    return ok(second.value);
  }

  /** One transaction; `pending_payment` when the payment must be confirmed first. */
  private record(input: RecordPaymentRefundInput): Promise<Result<RecordedRefund | "pending_payment", NotFoundError>> {
    return retryOnConflict(() =>
      this.deps.uow.run(async (tx): Promise<Result<RecordedRefund | "pending_payment", NotFoundError>> => {
        const order = "paymentId" in input ? await tx.orders.findByPaymentId(input.paymentId) : await tx.orders.findById(input.orderId);
        if (order === null) return err(notFound("order", "paymentId" in input ? `with payment ${input.paymentId}` : input.orderId));
        if (order.payment.status === "refunded") return ok({ order, outcome: "unchanged" });
        const actor = input.actor ?? SYSTEM_ACTOR.id;
        switch (order.status) {
          case "pending_payment":
            return ok("pending_payment");
          case "paid":
            return ok(await this.transition(tx, order, "cancel", input.eventId, actor));
          case "shipped":
          case "delivered":
            return ok(await this.transition(tx, order, "refund", input.eventId, actor));
          default:
            return ok(await this.markCancelledRefunded(tx, order));
        }
      }),
    );
  }

  private async transition(
    tx: Repositories,
    order: Order,
    type: Extract<OrderEventType, "cancel" | "refund">,
    eventId: string,
    actor: string,
  ): Promise<RecordedRefund> {
    const step = applyOrderEvent(order, { id: eventId, type, at: this.deps.clock.now(), actor });
    if (!step.ok) throw new Error(`order ${order.id} is ${order.status} but refused ${type}: ${step.error.message}`);
    const refunded = step.value.order;
    await saveOrder(tx, refunded);
    // A paid order has not shipped: its goods are still here. Shipped goods come back only if the admin says so.
    const restock = order.status === "paid";
    const restocked = restock ? await restockLines(tx, this.deps, order.lines, { reason: "restock", actor, orderId: order.id }) : [];
    const events: DomainEvent[] = [
      orderEvent(this.deps, "order.refunded", refunded, { reason: REASON, restocked: restock }),
      ...stockEvents(this.deps, restocked),
    ];
    await tx.outbox.append(events);
    return { order: refunded, outcome: "refunded" };
  }

  // Cancelled before the payment was recorded: the status stays, the payment is marked refunded.
  private async markCancelledRefunded(tx: Repositories, order: Order): Promise<RecordedRefund> {
    const refunded: Order = {
      ...order,
      payment: { ...order.payment, status: "refunded" },
      version: order.version + 1,
      updatedAt: this.deps.clock.now(),
    };
    await saveOrder(tx, refunded);
    await tx.outbox.append([orderEvent(this.deps, "order.cancelled", refunded, { reason: REASON, refunded: true })]);
    return { order: refunded, outcome: "refunded" };
  }
}

function lookupOf(input: RecordPaymentRefundInput): { readonly paymentId: string } | { readonly orderId: string } {
  return "paymentId" in input ? { paymentId: input.paymentId } : { orderId: input.orderId };
}

import { err, notFound, ok, type InvalidInputError, type InvalidTransitionError, type NotFoundError, type Result } from "../errors.js";
import { applyOrderEvent } from "../orders/apply-order-event.js";
import type { Order } from "../orders/order.js";
import { retryOnConflict, saveOrder } from "./concurrent-update.js";
import { SYSTEM_ACTOR, type AppDeps } from "./context.js";

export type RecordPaymentFailureInput = ({ readonly paymentId: string } | { readonly orderId: string }) & {
  /** The provider's event id (or a new id): the same id recorded twice counts once. */
  readonly eventId: string;
  readonly actor?: string;
};

/**
 * Records a declined or failed payment attempt. The order stays `pending_payment` with its stock
 * held, so the customer may pay again until the reservation expires.
 */
export class RecordPaymentFailure {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "clock">) {}

  async execute(input: RecordPaymentFailureInput): Promise<Result<Order, NotFoundError | InvalidTransitionError | InvalidInputError>> {
    return retryOnConflict(() =>
      this.deps.uow.run(async (tx): Promise<Result<Order, NotFoundError | InvalidTransitionError | InvalidInputError>> => {
        const order = "paymentId" in input ? await tx.orders.findByPaymentId(input.paymentId) : await tx.orders.findById(input.orderId);
        if (order === null) return err(notFound("order", "paymentId" in input ? `with payment ${input.paymentId}` : input.orderId));
        const step = applyOrderEvent(order, {
          id: input.eventId,
          type: "payment_failed",
          at: this.deps.clock.now(),
          actor: input.actor ?? SYSTEM_ACTOR.id,
        });
        if (!step.ok) return step;
        if (step.value.changed) await saveOrder(tx, step.value.order);
        return ok(step.value.order);
      }),
    );
  }
}

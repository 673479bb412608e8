import {
  err,
  notFound,
  ok,
  type ForbiddenError,
  type InvalidInputError,
  type InvalidTransitionError,
  type NotFoundError,
  type Result,
} from "../errors.js";
import { applyOrderEvent } from "../orders/apply-order-event.js";
import type { Order } from "../orders/order.js";
import { authorize } from "./authorize.js";
import { retryOnConflict, saveOrder } from "./concurrent-update.js";
import type { AppDeps } from "./context.js";
import { orderEvent } from "./order-event.js";
import { recordAdminChange, type AdminCommand } from "./record-admin-change.js";
import { restockLines, stockEvents, type StockChange } from "./stock-changes.js";

export interface RefundOrderInput extends AdminCommand {
  readonly orderId: string;
  /** Put the returned goods back on hand (`return` movements). */
  readonly restock: boolean;
}

/** Admin: refunds a shipped or delivered order (a return), optionally restocking what comes back. */
export class RefundOrder {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "clock" | "ids" | "payments">) {}

  async execute(
    input: RefundOrderInput,
  ): Promise<Result<Order, NotFoundError | InvalidTransitionError | InvalidInputError | ForbiddenError>> {
    const denied = authorize(input.actor, "orders:manage");
    if (denied !== null) return err(denied);
    return retryOnConflict(() =>
      this.deps.uow.run(async (tx): Promise<Result<Order, NotFoundError | InvalidTransitionError | InvalidInputError>> => {
        const order = await tx.orders.findById(input.orderId);
        if (order === null) return err(notFound("order", input.orderId));
        const step = applyOrderEvent(order, { id: this.deps.ids.next(), type: "refund", at: this.deps.clock.now(), actor: input.actor.id });
        if (!step.ok) return step;
        const refunded = step.value.order;
        await saveOrder(tx, refunded);
        const restocked: StockChange[] = input.restock
          ? await restockLines(tx, this.deps, order.lines, { reason: "return", actor: input.actor.id, orderId: order.id })
          : [];
        await tx.outbox.append([
          orderEvent(this.deps, "order.refunded", refunded, { reason: "return", restocked: input.restock }),
          ...stockEvents(this.deps, restocked),
        ]);
        await recordAdminChange(tx, this.deps, input, {
          action: "order.refund",
          entityType: "order",
          entityId: order.id,
          before: { status: order.status, payment: order.payment.status },
          after: { status: refunded.status, payment: refunded.payment.status, restocked: input.restock },
        });
        // Last, so a failure above rolls back before money moves; the key makes a retry a no-op.
        await this.deps.payments.refund(order.payment.paymentId, order.totals.total, `${order.id}:refund`);
        return ok(refunded);
      }),
    );
  }
}

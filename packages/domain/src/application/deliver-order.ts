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

export interface DeliverOrderInput extends AdminCommand {
  readonly orderId: string;
}

/** Admin (or a carrier integration as the system): marks a shipped order delivered. */
export class DeliverOrder {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "clock" | "ids">) {}

  async execute(
    input: DeliverOrderInput,
  ): Promise<Result<Order, NotFoundError | InvalidTransitionError | InvalidInputError | ForbiddenError>> {
    const denied = authorize(input.actor, "orders:manage");
    if (denied !== null) return err(denied);
    return retryOnConflict(() =>
      this.deps.uow.run(async (tx): Promise<Result<Order, NotFoundError | InvalidTransitionError | InvalidInputError>> => {
        const order = await tx.orders.findById(input.orderId);
        if (order === null) return err(notFound("order", input.orderId));
        const step = applyOrderEvent(order, {
          id: this.deps.ids.next(),
          type: "deliver",
          at: this.deps.clock.now(),
          actor: input.actor.id,
        });
        if (!step.ok) return step;
        const delivered = step.value.order;
        await saveOrder(tx, delivered);
        await tx.outbox.append([orderEvent(this.deps, "order.delivered", delivered)]);
        await recordAdminChange(tx, this.deps, input, {
          action: "order.deliver",
          entityType: "order",
          entityId: order.id,
          before: { status: order.status },
          after: { status: delivered.status },
        });
        return ok(delivered);
      }),
    );
  }
}

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

export interface ShipOrderInput extends AdminCommand {
  readonly orderId: string;
  readonly trackingNumber: string;
}

/**
 * Admin: marks a paid order shipped with its tracking number; `order.shipped` drives the shipping
 * notice. A gateway that authorizes at checkout (manual capture) captures the payment now.
 */
export class ShipOrder {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "clock" | "ids"> & Partial<Pick<AppDeps, "payments">>) {}

  async execute(
    input: ShipOrderInput,
  ): Promise<Result<Order, NotFoundError | InvalidTransitionError | InvalidInputError | ForbiddenError>> {
    const denied = authorize(input.actor, "orders:manage");
    if (denied !== null) return err(denied);
    return retryOnConflict(() =>
      this.deps.uow.run(async (tx): Promise<Result<Order, NotFoundError | InvalidTransitionError | InvalidInputError>> => {
        const order = await tx.orders.findById(input.orderId);
        if (order === null) return err(notFound("order", input.orderId));
        const step = applyOrderEvent(order, {
          id: this.deps.ids.next(),
          type: "ship",
          at: this.deps.clock.now(),
          actor: input.actor.id,
          trackingNumber: input.trackingNumber,
        });
        if (!step.ok) return step;
        const shipped = step.value.order;
        await saveOrder(tx, shipped);
        await tx.outbox.append([orderEvent(this.deps, "order.shipped", shipped, { trackingNumber: shipped.trackingNumber })]);
        await recordAdminChange(tx, this.deps, input, {
          action: "order.ship",
          entityType: "order",
          entityId: order.id,
          before: { status: order.status, trackingNumber: order.trackingNumber },
          after: { status: shipped.status, trackingNumber: shipped.trackingNumber },
        });
        // Last, so a failure above rolls back before money moves; the key makes a retry a no-op.
        await this.deps.payments?.capture?.(order.payment.paymentId, `${order.id}:capture`);
        return ok(shipped);
      }),
    );
  }
}

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
import type { DomainEvent } from "../events/domain-event.js";
import { applyOrderEvent } from "../orders/apply-order-event.js";
import type { Order } from "../orders/order.js";
import type { Repositories } from "../ports/unit-of-work.js";
import { authorize } from "./authorize.js";
import { retryOnConflict, saveOrder } from "./concurrent-update.js";
import type { Actor, AppDeps } from "./context.js";
import { orderEvent } from "./order-event.js";
import { recordAdminChange, type AdminCommand } from "./record-admin-change.js";
import { releaseStock, restockLines, stockEvents } from "./stock-changes.js";

export interface CancelOrderInput extends AdminCommand {
  readonly orderId: string;
}

export type CancelOrderError = NotFoundError | InvalidTransitionError | InvalidInputError | ForbiddenError;

/**
 * Cancels an order. Unpaid: its reservation is released and it becomes `cancelled`. Paid: the
 * payment is refunded, the stock restocked, and it becomes `refunded`. Customers may cancel only
 * their own orders (anyone else's is `order.not_found`); admins any order.
 */
export class CancelOrder {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "clock" | "ids" | "payments">) {}

  async execute(input: CancelOrderInput): Promise<Result<Order, CancelOrderError>> {
    const { actor } = input;
    return retryOnConflict(() =>
      this.deps.uow.run(async (tx): Promise<Result<Order, CancelOrderError>> => {
        const order = await tx.orders.findById(input.orderId);
        const own = order !== null && order.customerId === actor.id;
        if (order === null || (actor.role === "customer" && !own)) return err(notFound("order", input.orderId));
        const denied = authorize(actor, own ? "orders:own" : "orders:manage");
        if (denied !== null) return err(denied);

        const step = applyOrderEvent(order, { id: this.deps.ids.next(), type: "cancel", at: this.deps.clock.now(), actor: actor.id });
        if (!step.ok) return step;
        const cancelled = step.value.order;
        await saveOrder(tx, cancelled);
        const events =
          order.status === "paid" ? await this.restock(tx, order, cancelled, actor) : await this.release(tx, order, cancelled, actor);
        await tx.outbox.append(events);
        if (actor.role !== "customer") {
          await recordAdminChange(tx, this.deps, input, {
            action: "order.cancel",
            entityType: "order",
            entityId: order.id,
            before: { status: order.status },
            after: { status: cancelled.status },
          });
        }
        if (order.status === "paid") {
          // Last, so a failure above rolls back before money moves; the key makes a retry a no-op.
          await this.deps.payments.refund(order.payment.paymentId, order.totals.total, `${order.id}:refund`);
        }
        return ok(cancelled);
      }),
    );
  }

  private async release(tx: Repositories, order: Order, cancelled: Order, actor: Actor): Promise<DomainEvent[]> {
    const reservation = await tx.inventory.findReservationById(order.reservationId);
    // Only the caller that flips the reservation releases its stock; an expired one was released already.
    const released =
      reservation !== null && (await tx.inventory.updateReservationStatus(reservation.id, "active", "released"))
        ? await releaseStock(tx, reservation.lines)
        : [];
    return [
      orderEvent(this.deps, "order.cancelled", cancelled, { reason: `cancelled_by_${actor.role}` }),
      ...stockEvents(this.deps, released),
    ];
  }

  private async restock(tx: Repositories, order: Order, refunded: Order, actor: Actor): Promise<DomainEvent[]> {
    const restocked = await restockLines(tx, this.deps, order.lines, { reason: "restock", actor: actor.id, orderId: order.id });
    return [
      orderEvent(this.deps, "order.refunded", refunded, { reason: `cancelled_by_${actor.role}`, restocked: true }),
      ...stockEvents(this.deps, restocked),
    ];
  }
}

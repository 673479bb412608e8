import { ok, type Result } from "../errors.js";
import type { DomainEvent } from "../events/domain-event.js";
import { applyOrderEvent } from "../orders/apply-order-event.js";
import { retryOnConflict, saveOrder } from "./concurrent-update.js";
import { SYSTEM_ACTOR, type AppDeps } from "./context.js";
import { orderEvent } from "./order-event.js";
import { releaseStock, stockEvents } from "./stock-changes.js";

export interface ExpireReservationsInput {
  /** Defaults to the clock. */
  readonly now?: Date;
  /** How many reservations to look at in this sweep. */
  readonly limit: number;
}

/**
 * The reservation sweeper: releases the stock of checkouts that were not paid in time and
 * cancels their orders. Each reservation is expired in its own transaction by a compare-and-set
 * on its status, so several sweepers running at once release each one exactly once.
 */
export class ExpireReservations {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "repos" | "clock" | "ids">) {}

  async execute(input: ExpireReservationsInput): Promise<Result<{ expired: number }, never>> {
    const now = input.now ?? this.deps.clock.now();
    const ids = await this.deps.repos.inventory.findExpiredReservationIds(now, input.limit);
    let expired = 0;
    for (const id of ids) {
      if (await this.expire(id, now)) expired += 1;
    }
    return ok({ expired });
  }

  /** Expires one reservation if it is still active and due at `now`; true only for the caller that did it. */
  async expire(reservationId: string, now: Date): Promise<boolean> {
    const result = await retryOnConflict(() =>
      this.deps.uow.run(async (tx): Promise<Result<boolean, never>> => {
        const reservation = await tx.inventory.findReservationById(reservationId);
        if (reservation === null || reservation.status !== "active" || reservation.expiresAt.getTime() > now.getTime()) return ok(false);
        if (!(await tx.inventory.updateReservationStatus(reservationId, "active", "expired"))) return ok(false);

        const events: DomainEvent[] = stockEvents(this.deps, await releaseStock(tx, reservation.lines));
        const order = await tx.orders.findByReservationId(reservationId);
        if (order?.status === "pending_payment") {
          const step = applyOrderEvent(order, {
            id: this.deps.ids.next(),
            type: "reservation_expired",
            at: this.deps.clock.now(),
            actor: SYSTEM_ACTOR.id,
          });
          if (!step.ok) throw new Error(`order ${order.id} is pending payment but refused reservation_expired: ${step.error.message}`);
          await saveOrder(tx, step.value.order);
          events.unshift(orderEvent(this.deps, "order.cancelled", step.value.order, { reason: "reservation_expired" }));
        }
        await tx.outbox.append(events);
        return ok(true);
      }),
    );
    return result.ok && result.value;
  }
}

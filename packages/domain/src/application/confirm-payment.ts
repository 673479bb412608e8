import { err, notFound, ok, type NotFoundError, type Result } from "../errors.js";
import { applyOrderEvent } from "../orders/apply-order-event.js";
import type { Reservation } from "../inventory/stock.js";
import type { Order, OrderEvent } from "../orders/order.js";
import type { Repositories } from "../ports/unit-of-work.js";
import { retryOnConflict, saveOrder } from "./concurrent-update.js";
import { SYSTEM_ACTOR, type AppDeps } from "./context.js";
import { orderEvent } from "./order-event.js";
import { commitStock, sellUnheldStock, stockEvents, type StockChange } from "./stock-changes.js";

export type ConfirmPaymentInput = ({ readonly paymentId: string } | { readonly orderId: string }) & {
  /** The provider's event id (or a new id): the same id applied twice changes nothing. */
  readonly eventId: string;
  /** Recorded in the order history; the system when absent. */
  readonly actor?: string;
};

export interface ConfirmedPayment {
  readonly order: Order;
  /**
   * `paid`: the order is paid and its stock sold. `refunded`: the payment came after the stock
   * was gone, so the order is cancelled and the payment refunded. `unchanged`: already handled.
   */
  readonly outcome: "paid" | "refunded" | "unchanged";
}

/**
 * The order and its reservation as the caller has just read them (PayOrder does, to check the
 * order is payable before charging). The first attempt starts from them instead of reading them
 * again; every write still checks what it relies on (the reservation moves from active only if it
 * still is, the order saves only at the version read), and a lost race reads afresh on the retry.
 */
export interface ReadBeforeConfirm {
  readonly order: Order;
  readonly reservation: Reservation | null;
}

/**
 * Records a succeeded payment (from PayOrder or a provider webhook, which have verified it).
 * Commits the order's reservation; when the reservation has lapsed it sells the stock if it is
 * still there, and otherwise cancels the order and refunds the payment: stock never goes negative.
 */
export class ConfirmPayment {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "clock" | "ids" | "payments">) {}

  async execute(input: ConfirmPaymentInput, read?: ReadBeforeConfirm): Promise<Result<ConfirmedPayment, NotFoundError>> {
    let unused = read;
    return retryOnConflict(() =>
      this.deps.uow.run(async (tx): Promise<Result<ConfirmedPayment, NotFoundError>> => {
        const known = unused;
        unused = undefined;
        const order =
          known?.order ??
          ("paymentId" in input ? await tx.orders.findByPaymentId(input.paymentId) : await tx.orders.findById(input.orderId));
        if (order === null) return err(notFound("order", "paymentId" in input ? `with payment ${input.paymentId}` : input.orderId));
        if (order.history.some((step) => step.eventId === input.eventId)) return ok({ order, outcome: "unchanged" });
        if (order.status === "pending_payment") return ok(await this.settle(tx, order, input, known?.reservation));
        if (order.status === "cancelled") return ok(await this.refundCancelled(tx, order));
        return ok({ order, outcome: "unchanged" });
      }),
    );
  }

  private async settle(
    tx: Repositories,
    order: Order,
    input: ConfirmPaymentInput,
    known: Reservation | null | undefined,
  ): Promise<ConfirmedPayment> {
    const actor = input.actor ?? SYSTEM_ACTOR.id;
    const movement = { reason: "sale" as const, actor, orderId: order.id };
    let reservation = known?.id === order.reservationId ? known : await tx.inventory.findReservationById(order.reservationId);
    let sold: StockChange[] | null;
    if (reservation?.status === "active" && (await tx.inventory.updateReservationStatus(reservation.id, "active", "committed"))) {
      sold = await commitStock(tx, this.deps, reservation.lines, movement);
    } else {
      // A reservation read before the transaction may be out of date here: read it again.
      if (reservation === known) reservation = await tx.inventory.findReservationById(order.reservationId);
      // The hold lapsed (or was released): sell what is on the shelf now, if all of it still is.
      sold = await sellUnheldStock(tx, this.deps, reservation?.lines ?? order.lines, movement);
      if (sold !== null && reservation !== null)
        await tx.inventory.updateReservationStatus(reservation.id, reservation.status, "committed");
    }
    const event: OrderEvent = {
      id: input.eventId,
      type: sold === null ? "reservation_expired" : "payment_succeeded",
      at: this.deps.clock.now(),
      actor,
    };
    const step = applyOrderEvent(order, event);
    if (!step.ok) throw new Error(`order ${order.id} is pending payment but refused ${event.type}: ${step.error.message}`);

    if (sold !== null) {
      await saveOrder(tx, step.value.order);
      // The products sold, so consumers that only need those (search popularity) need not read the order.
      const productIds = [...new Set(order.lines.map((line) => line.productId))];
      await tx.outbox.append([orderEvent(this.deps, "order.paid", step.value.order, { productIds }), ...stockEvents(this.deps, sold)]);
      return { order: step.value.order, outcome: "paid" };
    }
    return { order: await this.refund(tx, step.value.order), outcome: "refunded" };
  }

  // A payment for an order that was already cancelled (its reservation expired first): give the money back.
  private async refundCancelled(tx: Repositories, order: Order): Promise<ConfirmedPayment> {
    if (order.payment.status === "refunded") return { order, outcome: "unchanged" };
    const updated: Order = { ...order, version: order.version + 1, updatedAt: this.deps.clock.now() };
    return { order: await this.refund(tx, updated), outcome: "refunded" };
  }

  /** Saves `order` (already at its next version) as refunded, announces it, then refunds through the provider. */
  private async refund(tx: Repositories, order: Order): Promise<Order> {
    const refunded: Order = { ...order, payment: { ...order.payment, status: "refunded" } };
    await saveOrder(tx, refunded);
    await tx.outbox.append([orderEvent(this.deps, "order.cancelled", refunded, { reason: "payment_after_expiry", refunded: true })]);
    // Last, so a failure above rolls back before money moves; the key makes a retried refund a no-op.
    await this.deps.payments.refund(refunded.payment.paymentId, refunded.totals.total, `${refunded.id}:refund`);
    return refunded;
  }
}

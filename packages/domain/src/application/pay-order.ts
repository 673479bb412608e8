import {
  err,
  notFound,
  ok,
  type ClientConfirmationRequiredError,
  type InvalidTransitionError,
  type NotFoundError,
  type PaymentDeclinedError,
  type Result,
} from "../errors.js";
import { isExpired } from "../inventory/reservation.js";
import type { Order, OrderStatus } from "../orders/order.js";
import { ConfirmPayment } from "./confirm-payment.js";
import type { AppDeps } from "./context.js";
import { ExpireReservations } from "./expire-reservations.js";
import { RecordPaymentFailure } from "./record-payment-failure.js";

export interface PayOrderInput {
  readonly orderId: string;
  readonly customerId: string;
  /** Simulated provider: `pm_card_visa` succeeds, `pm_card_declined` is declined. */
  readonly paymentMethod: string;
}

export type PayOrderError = NotFoundError | InvalidTransitionError | PaymentDeclinedError | ClientConfirmationRequiredError;

/**
 * A customer pays their pending order with a payment method (simulated provider). A decline is
 * recorded and the order stays payable until its reservation expires; a success is confirmed by
 * ConfirmPayment, which returns the order paid (or cancelled and refunded if its stock was lost).
 */
export class PayOrder {
  private readonly confirm: ConfirmPayment;
  private readonly recordFailure: RecordPaymentFailure;
  private readonly expiry: ExpireReservations;

  constructor(private readonly deps: Pick<AppDeps, "uow" | "repos" | "clock" | "ids" | "payments">) {
    this.confirm = new ConfirmPayment(deps);
    this.recordFailure = new RecordPaymentFailure(deps);
    this.expiry = new ExpireReservations(deps);
  }

  async execute(input: PayOrderInput): Promise<Result<Order, PayOrderError>> {
    const order = await this.deps.repos.orders.findById(input.orderId);
    if (order === null || order.customerId !== input.customerId) return err(notFound("order", input.orderId));
    if (order.status !== "pending_payment")
      return err(notPayable(order.status, `Order ${order.number} is ${order.status}; only an order pending payment can be paid.`));

    // Charging for stock that is no longer held would only end in a refund: expire the order instead.
    const now = this.deps.clock.now();
    const reservation = await this.deps.repos.inventory.findReservationById(order.reservationId);
    if (reservation === null || reservation.status !== "active" || isExpired(reservation, now)) {
      await this.expiry.expire(order.reservationId, now);
      return err(notPayable("cancelled", `The time to pay order ${order.number} ran out and it was cancelled; place the order again.`));
    }

    const charge = await this.deps.payments.confirm(order.payment.paymentId, input.paymentMethod);
    if (!charge.ok) {
      // Only a decline is an attempt; a provider that confirms in the browser was never asked to charge.
      if (charge.error.code === "payment.declined")
        await this.recordFailure.execute({ orderId: order.id, eventId: this.deps.ids.next(), actor: input.customerId });
      return charge;
    }
    const confirmed = await this.confirm.execute(
      { orderId: order.id, eventId: this.deps.ids.next(), actor: input.customerId },
      { order, reservation },
    );
    if (!confirmed.ok) return confirmed;
    return ok(confirmed.value.order);
  }
}

function notPayable(from: OrderStatus, message: string): InvalidTransitionError {
  return { code: "order.invalid_transition", from, event: "payment_succeeded", message };
}

import type { CreatedPayment, CreatePaymentInput, IdGenerator, PaymentDeclinedError, PaymentGateway, Result } from "@emporium/domain";
import { UlidIdGenerator } from "../../memory/ulid-id-generator.js";

export type SimulatedPaymentStatus = "requires_payment_method" | "succeeded";

export interface SimulatedPayment {
  readonly paymentId: string;
  readonly orderId: string;
  readonly amount: number;
  readonly currency: string;
  readonly status: SimulatedPaymentStatus;
  /** Refunds made so far, by idempotency key. */
  readonly refunds: readonly { readonly key: string; readonly amount: number }[];
}

/** Test card that always succeeds. */
export const SIMULATED_CARD_VISA = "pm_card_visa";
/** Test card that is always declined. */
export const SIMULATED_CARD_DECLINED = "pm_card_declined";

/**
 * A payment provider in memory, named after Stripe's test cards: `pm_card_visa` succeeds and
 * `pm_card_declined` is declined. Payments live only as long as the process, which suits the
 * embedded profile: the order row keeps the payment status that matters.
 */
export class SimulatedPaymentGateway implements PaymentGateway {
  readonly provider = "simulated";
  private readonly payments = new Map<string, SimulatedPayment>();
  private readonly byIdempotencyKey = new Map<string, string>();

  constructor(private readonly ids: IdGenerator = new UlidIdGenerator()) {}

  async createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
    if (!Number.isSafeInteger(input.amount) || input.amount < 0)
      throw new RangeError(`payment amount must be whole minor units, got ${input.amount}`);
    const existing = this.byIdempotencyKey.get(input.idempotencyKey);
    if (existing !== undefined) return { paymentId: existing, clientSecret: null };
    const paymentId = `pay_${this.ids.next()}`;
    this.payments.set(paymentId, {
      paymentId,
      orderId: input.orderId,
      amount: input.amount,
      currency: input.currency,
      status: "requires_payment_method",
      refunds: [],
    });
    this.byIdempotencyKey.set(input.idempotencyKey, paymentId);
    return { paymentId, clientSecret: null };
  }

  async confirm(paymentId: string, paymentMethod: string): Promise<Result<{ status: "succeeded" }, PaymentDeclinedError>> {
    const payment = this.get(paymentId);
    if (payment.status === "succeeded") return { ok: true, value: { status: "succeeded" } };
    if (paymentMethod !== SIMULATED_CARD_VISA) {
      const message =
        paymentMethod === SIMULATED_CARD_DECLINED
          ? "The card was declined; try another payment method."
          : `The simulated provider does not know payment method ${paymentMethod}; use ${SIMULATED_CARD_VISA} or ${SIMULATED_CARD_DECLINED}.`;
      return { ok: false, error: { code: "payment.declined", message } };
    }
    this.payments.set(paymentId, { ...payment, status: "succeeded" });
    return { ok: true, value: { status: "succeeded" } };
  }

  async refund(paymentId: string, amount: number, idempotencyKey: string): Promise<void> {
    const payment = this.get(paymentId);
    if (payment.refunds.some((r) => r.key === idempotencyKey)) return;
    if (payment.status !== "succeeded") throw new Error(`payment ${paymentId} has not succeeded, so there is nothing to refund`);
    const refunded = payment.refunds.reduce((sum, r) => sum + r.amount, 0);
    if (!Number.isSafeInteger(amount) || amount < 0 || refunded + amount > payment.amount) {
      throw new RangeError(`cannot refund ${amount} of payment ${paymentId}: ${payment.amount - refunded} is left to refund`);
    }
    this.payments.set(paymentId, { ...payment, refunds: [...payment.refunds, { key: idempotencyKey, amount }] });
  }

  /** What the provider knows about a payment (for tests and the example); undefined when unknown. */
  find(paymentId: string): SimulatedPayment | undefined {
    const payment = this.payments.get(paymentId);
    return payment === undefined ? undefined : structuredClone(payment);
  }

  private get(paymentId: string): SimulatedPayment {
    const payment = this.payments.get(paymentId);
    if (payment === undefined) throw new Error(`the simulated provider has no payment ${paymentId}`);
    return payment;
  }
}

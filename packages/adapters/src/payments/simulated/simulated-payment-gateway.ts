import type { CreatedPayment, CreatePaymentInput, IdGenerator, PaymentDeclinedError, PaymentGateway, Result } from "@emporium/domain";
import { UlidIdGenerator } from "../../memory/ulid-id-generator.js";

export type SimulatedPaymentStatus = "requires_payment_method" | "succeeded";

export interface SimulatedPayment {
  readonly paymentId: string;
  /** Empty for a payment another process created: its id does not carry the order. */
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

/** `pay_<ulid>_<amount>_<currency>`: what a refund needs travels in the id itself. */
const PAYMENT_ID = /^pay_[0-9A-Z]{26}_(\d{1,16})_([A-Za-z]{3})$/;

/**
 * A payment provider named after Stripe's test cards: `pm_card_visa` succeeds and
 * `pm_card_declined` is declined. It keeps no shared state, so any process (the server, the
 * CLI, a restarted server) can confirm or refund a payment another one created: the payment id
 * encodes the amount and currency, confirming is decided by the payment method, and a refund is
 * accepted up to the encoded amount. The order row is the book of record of what was paid and
 * refunded. Within one process it also remembers what it saw, for idempotency (one payment per
 * idempotency key, one refund per refund key, never more refunded than paid) and for `find`.
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
    const paymentId = `pay_${this.ids.next()}_${input.amount}_${input.currency}`;
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

  /**
   * Refunds up to what is left of the encoded amount. A payment this process saw created but never
   * confirmed has nothing to refund; one from another process is taken as paid (the caller refunds
   * only orders its records show paid).
   */
  async refund(paymentId: string, amount: number, idempotencyKey: string): Promise<void> {
    const known = this.payments.has(paymentId);
    const payment = this.get(paymentId);
    if (payment.refunds.some((r) => r.key === idempotencyKey)) return;
    if (known && payment.status !== "succeeded") throw new Error(`payment ${paymentId} has not succeeded, so there is nothing to refund`);
    const refunded = payment.refunds.reduce((sum, r) => sum + r.amount, 0);
    if (!Number.isSafeInteger(amount) || amount < 0 || refunded + amount > payment.amount) {
      throw new RangeError(`cannot refund ${amount} of payment ${paymentId}: ${payment.amount - refunded} is left to refund`);
    }
    this.payments.set(paymentId, { ...payment, status: "succeeded", refunds: [...payment.refunds, { key: idempotencyKey, amount }] });
  }

  /** What this process knows of a payment it created, confirmed or refunded (for tests and the example); undefined otherwise. */
  find(paymentId: string): SimulatedPayment | undefined {
    const payment = this.payments.get(paymentId);
    return payment === undefined ? undefined : structuredClone(payment);
  }

  /** The payment as this process knows it, or as its id describes it when another process created it. */
  private get(paymentId: string): SimulatedPayment {
    const payment = this.payments.get(paymentId);
    if (payment !== undefined) return payment;
    const parts = PAYMENT_ID.exec(paymentId);
    if (parts === null) throw new Error(`the simulated provider has no payment ${paymentId}`);
    return {
      paymentId,
      orderId: "",
      amount: Number(parts[1]),
      currency: parts[2] ?? "",
      status: "requires_payment_method",
      refunds: [],
    };
  }
}

import type { ClientConfirmationRequiredError, PaymentDeclinedError, Result } from "../errors.js";

export interface CreatePaymentInput {
  readonly orderId: string;
  readonly amount: number;
  readonly currency: string;
  readonly attempt: number;
  /** Derived from order id and attempt: a retry after a timeout reuses it. */
  readonly idempotencyKey: string;
}

export interface CreatedPayment {
  readonly paymentId: string;
  readonly clientSecret: string | null;
}

export interface PaymentGateway {
  readonly provider: string;
  createPayment(input: CreatePaymentInput): Promise<CreatedPayment>;
  /**
   * Charges the payment with a method (simulated provider). A provider that confirms in the
   * customer's browser (Stripe) answers `payment.client_confirmation_required`.
   */
  confirm(
    paymentId: string,
    paymentMethod: string,
  ): Promise<Result<{ status: "succeeded" }, PaymentDeclinedError | ClientConfirmationRequiredError>>;
  refund(paymentId: string, amount: number, idempotencyKey: string): Promise<void>;
  /**
   * Captures an authorized payment when the order ships (manual capture: authorize at checkout,
   * capture at ship). Absent, or a no-op, for providers that capture at once.
   */
  capture?(paymentId: string, idempotencyKey: string): Promise<void>;
}

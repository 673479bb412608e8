import type {
  ClientConfirmationRequiredError,
  CreatedPayment,
  CreatePaymentInput,
  PaymentDeclinedError,
  PaymentGateway,
  Result,
} from "@emporium/domain";
import Stripe from "stripe";

export type StripeCaptureMethod = "automatic" | "manual";

export interface StripePaymentGatewayOptions {
  /** Built by `createStripeClient` (pinned API version). */
  readonly stripe: Stripe;
  /** `automatic` (default) charges when the customer confirms; `manual` only authorizes, and `capture` charges at ship. */
  readonly captureMethod?: StripeCaptureMethod;
}

/**
 * Payments through Stripe PaymentIntents. Checkout creates the intent and hands its
 * `clientSecret` to the storefront, which confirms it with Stripe.js; the webhook then reports
 * the outcome. Every write carries an idempotency key derived from the order, so a retry after a
 * timeout reuses the first intent or refund instead of making a second one.
 */
export class StripePaymentGateway implements PaymentGateway {
  readonly provider = "stripe";
  readonly captureMethod: StripeCaptureMethod;
  private readonly stripe: Stripe;

  constructor({ stripe, captureMethod = "automatic" }: StripePaymentGatewayOptions) {
    this.stripe = stripe;
    this.captureMethod = captureMethod;
  }

  async createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
      throw new RangeError(`a Stripe payment needs a positive amount in minor units, got ${input.amount}`);
    const intent = await this.stripe.paymentIntents.create(
      {
        amount: input.amount,
        currency: input.currency.toLowerCase(),
        capture_method: this.captureMethod,
        // Cards settle while the checkout's stock is held; bank debits take days and would outlive the reservation.
        allowed_payment_method_types: ["card"],
        metadata: { orderId: input.orderId, attempt: String(input.attempt) },
      },
      { idempotencyKey: input.idempotencyKey },
    );
    if (intent.client_secret === null) throw new Error(`Stripe returned PaymentIntent ${intent.id} without a client secret`);
    return { paymentId: intent.id, clientSecret: intent.client_secret };
  }

  async confirm(): Promise<Result<{ status: "succeeded" }, PaymentDeclinedError | ClientConfirmationRequiredError>> {
    return {
      ok: false,
      error: {
        code: "payment.client_confirmation_required",
        message:
          "Payments are taken by Stripe: confirm this order's PaymentIntent in the browser with Stripe.js and the order's payment.clientSecret; the order becomes paid when Stripe's webhook reports it.",
      },
    };
  }

  /**
   * Gives `amount` back. An intent that is only authorized (manual capture, not shipped) is
   * cancelled instead, which releases the hold; one that was cancelled already needs nothing.
   */
  async refund(paymentId: string, amount: number, idempotencyKey: string): Promise<void> {
    const intent = await this.stripe.paymentIntents.retrieve(paymentId);
    if (intent.status === "canceled") return;
    if (intent.status === "requires_capture") {
      await this.stripe.paymentIntents.cancel(paymentId, { cancellation_reason: "requested_by_customer" }, { idempotencyKey });
      return;
    }
    if (intent.status !== "succeeded") throw new Error(`PaymentIntent ${paymentId} is ${intent.status}, so there is nothing to refund`);
    try {
      await this.stripe.refunds.create({ payment_intent: paymentId, amount }, { idempotencyKey });
    } catch (error) {
      // Refunded in the dashboard already: the money is back, which is all this call is for.
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "charge_already_refunded") return;
      throw error;
    }
  }

  /** Manual capture: charges the authorized intent (at ship). Nothing to do when payments capture at once. */
  async capture(paymentId: string, idempotencyKey: string): Promise<void> {
    if (this.captureMethod === "automatic") return;
    const intent = await this.stripe.paymentIntents.retrieve(paymentId);
    if (intent.status === "succeeded") return;
    if (intent.status !== "requires_capture")
      throw new Error(`PaymentIntent ${paymentId} is ${intent.status}; only an authorized payment can be captured`);
    await this.stripe.paymentIntents.capture(paymentId, {}, { idempotencyKey });
  }
}

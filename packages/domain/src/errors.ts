/** The outcome of an operation that can fail for an expected business reason. */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** Wraps a success value. */
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
/** Wraps an expected failure. */
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

export interface InvalidInputError {
  readonly code: "request.invalid";
  readonly message: string;
  readonly errors: readonly FieldIssue[];
}
export interface NotFoundError {
  readonly code: `${string}.not_found`;
  readonly message: string;
}
export interface StockShortfall {
  readonly sku: string;
  readonly requested: number;
  readonly available: number;
}
export interface StockInsufficientError {
  readonly code: "stock.insufficient";
  readonly message: string;
  readonly skus: readonly StockShortfall[];
}
export interface InvalidTransitionError {
  readonly code: "order.invalid_transition";
  readonly message: string;
  readonly from: string;
  readonly event: string;
}
export interface UnauthenticatedError {
  readonly code: "auth.unauthenticated";
  readonly message: string;
}
export interface ForbiddenError {
  readonly code: "auth.forbidden";
  readonly message: string;
}
export interface EmailTakenError {
  readonly code: "customer.email_taken";
  readonly message: string;
}
export interface PromotionNotApplicableError {
  readonly code: "promotion.not_applicable";
  readonly message: string;
  readonly reason: "unknown" | "inactive" | "not_started" | "expired" | "exhausted" | "customer_limit" | "minimum_not_met";
}
export interface PaymentDeclinedError {
  readonly code: "payment.declined";
  readonly message: string;
}
/** The provider confirms payments in the customer's browser (Stripe.js with the order's `clientSecret`), not through this API. */
export interface ClientConfirmationRequiredError {
  readonly code: "payment.client_confirmation_required";
  readonly message: string;
}
export interface IdempotencyInProgressError {
  readonly code: "idempotency.in_progress";
  readonly message: string;
}
export interface IdempotencyKeyReusedError {
  readonly code: "idempotency.key_reused";
  readonly message: string;
}
export interface CartLimitError {
  readonly code: "cart.too_many_lines" | "cart.quantity_out_of_range";
  readonly message: string;
}
export interface ConflictError {
  readonly code: "catalog.slug_taken" | "catalog.sku_taken" | "review.already_posted" | "order.payment_not_pending";
  readonly message: string;
}

/** Every expected failure the domain reports; each host maps `code` to its own channel. */
export type DomainError =
  | InvalidInputError
  | NotFoundError
  | StockInsufficientError
  | InvalidTransitionError
  | UnauthenticatedError
  | ForbiddenError
  | EmailTakenError
  | PromotionNotApplicableError
  | PaymentDeclinedError
  | ClientConfirmationRequiredError
  | IdempotencyInProgressError
  | IdempotencyKeyReusedError
  | CartLimitError
  | ConflictError;

export type ErrorCode = DomainError["code"];

/** Builds `<entity>.not_found`. */
export const notFound = (entity: string, id: string): NotFoundError => ({
  code: `${entity}.not_found`,
  message: `${entity} ${id} was not found`,
});

/** Builds `request.invalid` for one or more fields. */
export const invalid = (...errors: FieldIssue[]): InvalidInputError => ({
  code: "request.invalid",
  message: errors.map((e) => `${e.path}: ${e.message}`).join("; "),
  errors,
});

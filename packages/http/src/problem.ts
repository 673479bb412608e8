import { STATUS_CODES } from "node:http";
import type { DomainError, ErrorCode } from "@emporium/domain";
import type { Context, TypedResponse } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { JSONValue } from "hono/utils/types";

export const PROBLEM_TYPE_BASE = "https://emporium.dev/problems/";
export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** An RFC 9457 problem document with Emporium's stable dotted `code`. */
export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly [extra: string]: JSONValue;
}

type NotFoundCode = Extract<ErrorCode, `${string}.not_found`>;

/**
 * The one table from domain error code to HTTP status (DESIGN §5). Every
 * `<entity>.not_found` is 404 by its suffix; every other code must be listed
 * here, so a new domain error does not compile until it has a status.
 */
export const ERROR_STATUS = {
  "request.invalid": 422,
  "auth.unauthenticated": 401,
  "auth.forbidden": 403,
  "stock.insufficient": 409,
  "order.invalid_transition": 409,
  "order.payment_not_pending": 409,
  "customer.email_taken": 409,
  "catalog.slug_taken": 409,
  "catalog.sku_taken": 409,
  "review.already_posted": 409,
  "idempotency.in_progress": 409,
  "idempotency.key_reused": 422,
  "promotion.not_applicable": 422,
  "cart.too_many_lines": 422,
  "cart.quantity_out_of_range": 422,
  "payment.declined": 402,
  "payment.client_confirmation_required": 409,
} as const satisfies Record<Exclude<ErrorCode, NotFoundCode>, ContentfulStatusCode>;

export type ErrorStatus = (typeof ERROR_STATUS)[keyof typeof ERROR_STATUS] | 404;

/** The HTTP status of a domain error code. */
export function statusOf(code: ErrorCode): ErrorStatus {
  if (code.endsWith(".not_found")) return 404;
  return ERROR_STATUS[code as Exclude<ErrorCode, NotFoundCode>];
}

/** The response of `problem()`: typed as JSON so it satisfies routes that declare problem responses. */
export type ProblemResponse<S extends ContentfulStatusCode> = Response & TypedResponse<ProblemBody, S, "json">;

/**
 * Answers with an `application/problem+json` document. A 401 also carries
 * `WWW-Authenticate`, which RFC 9110 requires of every 401; `headers` may
 * refine it or add others.
 */
export function problem<S extends ContentfulStatusCode>(
  c: Context,
  status: S,
  code: string,
  title: string,
  detail: string,
  extra: Readonly<Record<string, unknown>> = {},
  headers: Readonly<Record<string, string>> = {},
): ProblemResponse<S> {
  const body: ProblemBody = { ...(extra as Record<string, JSONValue>), type: `${PROBLEM_TYPE_BASE}${code}`, title, status, detail, code };
  const challenge: Record<string, string> = status === 401 ? { "WWW-Authenticate": `Bearer realm="emporium"` } : {};
  return c.json(body, status, { ...challenge, ...headers, "Content-Type": PROBLEM_CONTENT_TYPE }) as unknown as ProblemResponse<S>;
}

/** The standard reason phrase, used as the problem title. */
export const titleOf = (status: number): string => STATUS_CODES[status] ?? "Error";

/** Answers with the problem for a domain error, keeping its extra fields (skus, from, event, errors, reason). */
export function respondError(c: Context, error: DomainError): ProblemResponse<ErrorStatus> {
  const { code, message, ...extra } = error;
  const status = statusOf(code);
  return problem(c, status, code, titleOf(status), message, extra);
}

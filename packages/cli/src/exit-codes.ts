import type { ErrorCode } from "@emporium/domain";

/** The exit statuses of `emporium`, listed in its --help. */
export const ExitCode = {
  ok: 0,
  /** A bug or an outage (database unreachable): the message says what happened. */
  failure: 1,
  /** An import imported what it could and rejected some rows (listed in its reject file). */
  rowsRejected: 2,
  /** The environment variables are wrong. */
  config: 3,
  invalid: 4,
  notFound: 5,
  conflict: 6,
  denied: 7,
  paymentDeclined: 8,
  /**
   * Unknown command or option, missing argument: EX_USAGE of sysexits.h, apart from 2 so a script
   * can tell "the command line was wrong, nothing ran" from "some rows need fixing".
   */
  usage: 64,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

type NotFoundCode = Extract<ErrorCode, `${string}.not_found`>;

/**
 * The one table from domain error code to exit status. Every `<entity>.not_found` exits 5 by
 * its suffix; every other code must be listed, so a new domain error does not compile until
 * it has a status.
 */
export const ERROR_EXIT_CODE = {
  "request.invalid": ExitCode.invalid,
  "cart.too_many_lines": ExitCode.invalid,
  "cart.quantity_out_of_range": ExitCode.invalid,
  "promotion.not_applicable": ExitCode.invalid,
  "idempotency.key_reused": ExitCode.invalid,
  "auth.unauthenticated": ExitCode.denied,
  "auth.forbidden": ExitCode.denied,
  "stock.insufficient": ExitCode.conflict,
  "order.invalid_transition": ExitCode.conflict,
  "order.payment_not_pending": ExitCode.conflict,
  "payment.client_confirmation_required": ExitCode.conflict,
  "customer.email_taken": ExitCode.conflict,
  "catalog.slug_taken": ExitCode.conflict,
  "catalog.sku_taken": ExitCode.conflict,
  "review.already_posted": ExitCode.conflict,
  "idempotency.in_progress": ExitCode.conflict,
  "payment.declined": ExitCode.paymentDeclined,
} as const satisfies Record<Exclude<ErrorCode, NotFoundCode>, ExitCode>;

/** The exit status of a domain error code. */
export function exitCodeOf(code: ErrorCode): ExitCode {
  if (code.endsWith(".not_found")) return ExitCode.notFound;
  return ERROR_EXIT_CODE[code as Exclude<ErrorCode, NotFoundCode>];
}

export const EXIT_CODES_HELP = `
Exit status:
  0  success                 4  invalid input
  1  failure (see message)   5  not found
  2  import: some rows       6  conflict (e.g. email taken)
     rejected (see the       7  not allowed
     reject file)            8  payment declined
  3  bad configuration      64  usage error (unknown command or option, missing argument)`;

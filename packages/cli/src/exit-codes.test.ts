import { describe, expect, it } from "vitest";
import { ERROR_EXIT_CODE, ExitCode, exitCodeOf } from "./exit-codes.js";

describe("exitCodeOf", () => {
  it("maps every not_found code to the not-found status by its suffix", () => {
    expect(exitCodeOf("product.not_found")).toBe(ExitCode.notFound);
    expect(exitCodeOf("order.not_found")).toBe(ExitCode.notFound);
  });

  it("maps listed codes by the table", () => {
    expect(exitCodeOf("request.invalid")).toBe(ExitCode.invalid);
    expect(exitCodeOf("customer.email_taken")).toBe(ExitCode.conflict);
    expect(exitCodeOf("auth.forbidden")).toBe(ExitCode.denied);
    expect(exitCodeOf("payment.declined")).toBe(ExitCode.paymentDeclined);
  });

  it("keeps the documented numbers: 2 for an import with rejected rows, 64 (EX_USAGE) for usage, 3 for configuration", () => {
    expect(ExitCode.rowsRejected).toBe(2);
    expect(ExitCode.usage).toBe(64);
    expect(ExitCode.config).toBe(3);
  });

  it("never maps a domain error to success, failure or usage", () => {
    for (const code of Object.values(ERROR_EXIT_CODE)) expect([ExitCode.ok, ExitCode.failure, ExitCode.usage]).not.toContain(code);
  });
});

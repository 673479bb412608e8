import type { DomainError } from "@emporium/domain";
import { exitCodeOf, type ExitCode } from "./exit-codes.js";

/** An expected failure of a command: its message is printed as one line and the process exits with `exitCode`. */
export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }

  /** The CliError for a domain error, by the exit code table. */
  static from(error: DomainError): CliError {
    return new CliError(error.message, exitCodeOf(error.code));
  }
}

/**
 * Ends a command that has already printed its outcome, with a status other than success (an
 * import that rejected rows): nothing more is printed.
 */
export class CliExit extends Error {
  override readonly name = "CliExit";
  constructor(readonly exitCode: ExitCode) {
    super(`exit ${exitCode}`);
  }
}

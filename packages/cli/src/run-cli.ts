import { CommanderError } from "@commander-js/extra-typings";
import { ConfigError } from "@emporium/adapters";
import { CliError, CliExit } from "./cli-error.js";
import { processIo, type CliIo } from "./cli-io.js";
import { ExitCode } from "./exit-codes.js";
import { createProgram } from "./program.js";

/**
 * Runs one `emporium` command line (without `node` and the script) and returns its exit
 * status. Every failure is one line on stderr: usage errors as commander words them, the
 * rest as `emporium: <message>`; `--verbose` adds the stack trace and causes.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version "fail" with exit code 0; real usage errors are already printed.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof CliExit) return error.exitCode;
    io.stderr(`emporium: ${firstLine(error)}\n`);
    if (program.opts().verbose === true) io.stderr(details(error));
    if (error instanceof CliError) return error.exitCode;
    if (error instanceof ConfigError) return ExitCode.config;
    return ExitCode.failure;
  }
}

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";

function details(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error; current !== undefined && parts.length < 10; current = (current as { cause?: unknown }).cause) {
    parts.push(current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current));
    if (!(current instanceof Error)) break;
  }
  return `${parts.join("\ncaused by: ")}\n`;
}

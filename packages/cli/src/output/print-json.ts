import type { CliIo } from "../cli-io.js";

/** `value` as indented JSON on stdout: what every `--json` prints. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

import type { CliIo } from "../cli-io.js";

export interface CapturedIo {
  readonly io: CliIo;
  stdout(): string;
  stderr(): string;
}

/** A CliIo over `env` whose stdin holds `stdin` and whose output is kept for assertions. */
export function captureIo(env: NodeJS.ProcessEnv, stdin = ""): CapturedIo {
  let out = "";
  let err = "";
  return {
    io: {
      env,
      stdout: (text) => (out += text),
      stderr: (text) => (err += text),
      readStdin: async () => stdin,
    },
    stdout: () => out,
    stderr: () => err,
  };
}

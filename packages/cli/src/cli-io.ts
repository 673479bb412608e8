import { existsSync } from "node:fs";

/** Where a command reads and writes: the process in production, buffers in tests. */
export interface CliIo {
  readonly env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Everything on standard input, up to its end. */
  readStdin(): Promise<string>;
  /** Standard output as a stream, for long output (exports) that must wait when the reader is slow. */
  readonly stdoutStream?: NodeJS.WritableStream;
  /** Standard error when it is a terminal: progress bars draw on it. Absent, progress is printed as plain lines. */
  readonly terminal?: NodeJS.WriteStream;
}

/** The real process's environment and streams; `.env` in the working directory is loaded first, as `npm start` does. */
export function processIo(): CliIo {
  if (existsSync(".env")) process.loadEnvFile(".env");
  return {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
    stdoutStream: process.stdout,
    ...(process.stderr.isTTY ? { terminal: process.stderr } : {}),
  };
}

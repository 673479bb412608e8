import { once } from "node:events";
import { open } from "node:fs/promises";
import type { CliIo } from "../cli-io.js";

/** Where long output goes, written piece by piece: each write waits while the reader is behind. */
export interface TextSink {
  write(text: string): Promise<void>;
  /** Flushes and closes (a file) or just flushes (stdout). */
  close(): Promise<void>;
}

/** A new (or emptied) file at `path`; fails at once, naming the path, when it cannot be created. */
export async function fileSink(path: string): Promise<TextSink> {
  const handle = await open(path, "w").catch((error: unknown) => {
    throw new Error(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  });
  return streamSink(handle.createWriteStream({ encoding: "utf8" }), true);
}

/** Standard output: the process's stream with back-pressure, or the captured `io.stdout` in tests. */
export function stdoutSink(io: CliIo): TextSink {
  if (io.stdoutStream !== undefined) return streamSink(io.stdoutStream, false);
  return {
    write: async (text) => io.stdout(text),
    close: async () => undefined,
  };
}

function streamSink(stream: NodeJS.WritableStream, end: boolean): TextSink {
  let failure: Error | undefined;
  stream.on("error", (error: Error) => (failure ??= error));
  const check = () => {
    if (failure !== undefined) throw failure;
  };
  return {
    write: async (text) => {
      check();
      if (!stream.write(text)) await once(stream, "drain");
    },
    close: async () => {
      check();
      if (end) await new Promise<void>((resolve, reject) => stream.end(() => (failure === undefined ? resolve() : reject(failure))));
    },
  };
}

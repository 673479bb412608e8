import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { processMemory, type ProcessMemory } from "./proc-memory.js";

export interface StartChildOptions {
  /** A human name for messages: "server", "worker", "baseline". */
  readonly name: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** stdout and stderr go here (JSON logs, banner); its tail is shown when the child fails. */
  readonly logFile: string;
  /** Polled until it answers 200; null: the child is ready once spawned (a worker). */
  readonly readyUrl: string | null;
  /** Gives up waiting for readyUrl after this long. */
  readonly readyTimeoutMs?: number;
}

export interface RunningChild {
  readonly name: string;
  readonly pid: number;
  /** From spawn to the first 200 of readyUrl, ms. */
  readonly coldStartMs: number;
  memory(): ProcessMemory | null;
  /** Whether it exited on its own (a crash, from the bench's point of view). */
  exited(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it is gone. */
  stop(graceMs?: number): Promise<number | null>;
  logTail(lines?: number): string;
}

/** Starts `node <args>` and waits until it serves (or fails with the tail of its log). */
export async function startChild({
  name,
  args,
  env,
  cwd,
  logFile,
  readyUrl,
  readyTimeoutMs = 60_000,
}: StartChildOptions): Promise<RunningChild> {
  const log = openSync(logFile, "a");
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", log, log] });
  closeSync(log);
  let exitCode: number | null | undefined;
  const exit = new Promise<number | null>((resolve) => {
    child.once("exit", (code, signal) => {
      exitCode = code ?? (signal === null ? null : -1);
      resolve(exitCode);
    });
  });
  const logTail = (lines = 20): string => {
    try {
      return readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
      return "";
    }
  };
  let coldStartMs = 0;
  if (readyUrl !== null) {
    const deadline = started + readyTimeoutMs;
    for (;;) {
      if (exitCode !== undefined) throw new Error(`${name} exited with ${exitCode} before it answered ${readyUrl}:\n${logTail()}`);
      if (performance.now() > deadline) {
        await stopChild(child, exit, 2_000);
        throw new Error(`${name} did not answer 200 on ${readyUrl} within ${readyTimeoutMs} ms:\n${logTail()}`);
      }
      if (await answers200(readyUrl)) break;
      await sleep(5);
    }
    coldStartMs = Math.round(performance.now() - started);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name} could not be started`);
  return {
    name,
    pid,
    coldStartMs,
    memory: () => processMemory(pid),
    exited: () => exitCode !== undefined,
    stop: (graceMs = 15_000) => stopChild(child, exit, graceMs),
    logTail,
  };
}

async function answers200(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

async function stopChild(child: ChildProcess, exit: Promise<number | null>, graceMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return exit;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  try {
    return await exit;
  } finally {
    clearTimeout(timer);
  }
}

import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Null when a redis-server of our own can be started here; otherwise why not, in one line.
 * With `CI=true` a missing server is a failure (it throws), not a reason to skip.
 */
export function privateRedisUnavailable(): string | null {
  const probe = spawnSync("redis-server", ["--version"], { encoding: "utf8" });
  const reason =
    probe.error !== undefined || probe.status !== 0
      ? `redis-server cannot be started here (${probe.error?.message ?? probe.stderr.trim()})`
      : null;
  if (reason !== null && process.env.CI === "true") throw new Error(`redis-server is required when CI=true: ${reason}`);
  return reason;
}

/**
 * A redis-server of this test's own on a free port, to stop, freeze and restart without touching the
 * shared one. It keeps an append-only file in a temporary directory (fsync on every write), so a
 * restart brings back what was there, as a production Redis with persistence would.
 */
export interface PrivateRedis {
  readonly url: string;
  readonly pid: number | undefined;
  /** Shuts it down cleanly (SIGTERM: the append-only file is complete) and waits for the exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and directory and waits until it answers. */
  start(): Promise<void>;
  /** SIGSTOP: the connection stays open but nothing answers, as with a hung server. */
  freeze(): void;
  /** SIGCONT. */
  thaw(): void;
  /** Kills it whatever state it is in and removes its directory; safe to call twice. */
  dispose(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "emporium-redis-"));
  let child: ChildProcess | undefined;
  // A test run that dies without its afterAll must not leave a server behind.
  const killOnExit = () => child?.kill("SIGKILL");
  process.once("exit", killOnExit);

  const start = async () => {
    const args = [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "yes",
      "--appendfsync",
      "always",
      "--dir",
      dir,
    ];
    child = spawn("redis-server", args, { stdio: "ignore" });
    await waitUntilAnswering(port);
  };
  const exited = (proc: ChildProcess) =>
    proc.exitCode !== null || proc.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => proc.once("exit", () => resolve()));

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return child?.pid;
    },
    stop: async () => {
      if (child === undefined) return;
      const proc = child;
      proc.kill("SIGCONT");
      proc.kill("SIGTERM");
      await exited(proc);
    },
    start,
    freeze: () => child?.kill("SIGSTOP"),
    thaw: () => child?.kill("SIGCONT"),
    dispose: async () => {
      process.removeListener("exit", killOnExit);
      if (child !== undefined) {
        const proc = child;
        proc.kill("SIGCONT");
        proc.kill("SIGKILL");
        await exited(proc);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitUntilAnswering(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const answer = await run("redis-cli", ["-p", String(port), "ping"]).catch(() => ({ stdout: "" }));
    if (answer.stdout.trim() === "PONG") return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the private redis-server on port ${port} did not answer within 5 s`);
}

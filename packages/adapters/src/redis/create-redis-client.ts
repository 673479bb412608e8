import { createRequire } from "node:module";
import type * as Ioredis from "ioredis";
import type { Redis } from "ioredis";
import { silentLogger, type Logger } from "../container/logger.js";
import { ThrottledWarning } from "./throttled-warning.js";

export interface RedisClientOptions {
  readonly logger?: Logger;
  /** A command that has not answered by then fails (default 100 ms): a hung Redis costs a fallback, not a stalled request. */
  readonly commandTimeoutMs?: number;
  /** Connection errors are logged at most once per this many milliseconds (default 10 s). */
  readonly logEveryMs?: number;
}

// ioredis is loaded on first use: a shop without REDIS_URL never needs it, and loading it is a
// noticeable part of start-up. It is CommonJS only, so this is the instance an `import` would give.
const require = createRequire(import.meta.url);

/** Milliseconds before reconnect attempt `attempt` (1, 2, …): doubling from 100 ms, capped at 2 s, with jitter so instances do not retry in step. */
export function reconnectDelay(attempt: number): number {
  return Math.min(100 * 2 ** (attempt - 1), 2_000) + Math.floor(Math.random() * 100);
}

/**
 * A fail-fast Redis client for rebuildable data (DESIGN §13). Nothing waits for Redis: a
 * command sent while the connection is down fails at once (no offline queue), one in flight
 * fails after `commandTimeoutMs`, and none is retried or resent after a reconnect. The client
 * reconnects by itself forever with a bounded backoff. Errors are logged, throttled, and never
 * crash the process. It connects on `connect()` (which rejects when Redis is unreachable,
 * while the client keeps retrying in the background).
 */
export function createRedisClient(
  url: string,
  { logger = silentLogger, commandTimeoutMs = 100, logEveryMs = 10_000 }: RedisClientOptions = {},
): Redis {
  const { Redis } = require("ioredis") as typeof Ioredis;
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    commandTimeout: commandTimeoutMs,
    maxRetriesPerRequest: 0,
    // A rate-limit hit already answered as a failure must not be counted again after a reconnect.
    autoResendUnfulfilledCommands: false,
    connectTimeout: 1_000,
    // A frozen server is dropped and reconnected instead of piling up unanswered commands.
    socketTimeout: 2_000,
    retryStrategy: reconnectDelay,
    // Commands issued in one turn of the event loop go out in one write: under load each request's
    // rate-limit hit and catalogue version read otherwise cost a system call of their own.
    enableAutoPipelining: true,
  });
  const warning = new ThrottledWarning(logger, logEveryMs);
  const where = redactUrl(url);
  // Without an 'error' listener an unreachable Redis would crash the process.
  client.on("error", (error: Error) => {
    warning.warn({ err: error, redis: where }, "redis is unreachable or failing; cache reads fall through to the database");
  });
  client.on("ready", () => {
    if (warning.active) logger.info({ redis: where }, "redis connection is back");
    warning.reset();
  });
  return client;
}

/** Closes the connection, politely when Redis answers and at once when it does not. */
export async function closeRedisClient(client: Redis): Promise<void> {
  if (client.status === "end") return;
  if (client.status !== "ready") {
    client.disconnect();
    return;
  }
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}

function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");
}

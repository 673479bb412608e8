import { randomBytes } from "node:crypto";
import { createServer, type AddressInfo } from "node:net";
import type { Redis } from "ioredis";
import { closeRedisClient, createRedisClient } from "../create-redis-client.js";

/** The Redis the tests use: TEST_REDIS_URL, or the local server of DESIGN §11. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

let availability: Promise<string | null> | undefined;

/**
 * Null when the test Redis answers; otherwise why not, in one line. With `CI=true` an
 * unreachable server is a failure (it throws), not a reason to skip.
 */
export function redisUnavailable(): Promise<string | null> {
  availability ??= probe().then((reason) => {
    if (reason !== null && process.env.CI === "true") throw new Error(`Redis is required when CI=true: ${reason}`);
    return reason;
  });
  return availability;
}

async function probe(): Promise<string | null> {
  const client = createRedisClient(TEST_REDIS_URL, { commandTimeoutMs: 1_000 });
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return `Redis at ${TEST_REDIS_URL} is unreachable (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    client.disconnect();
  }
}

/** A key prefix of its own for one test run, so test files sharing the server never collide. */
export function testPrefix(label: string): string {
  return `emporium-test:${label}:${Date.now().toString(36)}${randomBytes(4).toString("hex")}:`;
}

/**
 * A connected client with the production settings, except a 1 s command timeout: a test
 * machine busy with parallel test files may pause longer than 100 ms, which would turn a
 * behaviour test into a timing one (the fault tests use the real 100 ms).
 */
export async function testRedisClient(url = TEST_REDIS_URL): Promise<Redis> {
  const client = createRedisClient(url, { commandTimeoutMs: 1_000 });
  await client.connect();
  return client;
}

/**
 * Removes every key under `prefix`, then closes the client. Tests only: the adapters never
 * scan keys (they invalidate by version), but a test run should not leave its versions behind.
 */
export async function dropPrefixAndClose(client: Redis, prefix: string): Promise<void> {
  try {
    let cursor = "0";
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      if (keys.length > 0) await client.unlink(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    await closeRedisClient(client);
  }
}

/** REDIS_URL of the test Redis with a key prefix of its own (see parseRedisUrl). */
export function testRedisUrl(prefix: string): string {
  return `${TEST_REDIS_URL}?prefix=${encodeURIComponent(prefix)}`;
}

/** A local port nothing listens on (it was free a moment ago): connecting to it is refused at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

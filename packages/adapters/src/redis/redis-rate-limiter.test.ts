import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeRedisClient, createRedisClient } from "./create-redis-client.js";
import { RateLimiterUnavailableError, RedisRateLimiter } from "./redis-rate-limiter.js";
import {
  closedPort,
  dropPrefixAndClose,
  redisUnavailable,
  TEST_REDIS_URL,
  testPrefix,
  testRedisClient,
} from "./test-support/test-redis.js";

// The port's behaviour is in contracts/rate-limiter.contract.ts; these are what Redis adds to it.

const run = promisify(execFile);
const HITS_SCRIPT = fileURLToPath(new URL("./test-support/limiter-hits.ts", import.meta.url));

const reason = await redisUnavailable();
if (reason !== null) console.warn(`RedisRateLimiter tests skipped: ${reason}`);

describe.skipIf(reason !== null)("RedisRateLimiter on a live Redis", () => {
  const prefix = testPrefix("redis-limiter");
  let client: Redis;
  beforeAll(async () => {
    client = await testRedisClient();
  });
  afterAll(() => dropPrefixAndClose(client, prefix));

  it("lets exactly 100 hits through a limit of 100 per 60 s shared by 3 processes", async () => {
    const args = ["--import", "tsx", "--conditions=@emporium/source", HITS_SCRIPT, TEST_REDIS_URL, prefix, "shared", "60", "100", "60000"];
    const outputs = await Promise.all([1, 2, 3].map(() => run(process.execPath, args, { timeout: 30_000 })));
    const allowed = outputs.map(({ stdout }) => (JSON.parse(stdout) as { allowed: number }).allowed);
    console.log(
      `redis rate limiter: 3 processes x 60 hits at a shared limit of 100/60 s -> allowed ${allowed.join(" + ")} = ${allowed.reduce((a, b) => a + b, 0)}`,
    );
    expect(allowed.reduce((a, b) => a + b, 0)).toBe(100);
    expect(await client.zcard(`${prefix}shared`)).toBe(100);
  });

  it("loads its script again after Redis forgot it (EVALSHA falls back to EVAL)", async () => {
    const limiter = new RedisRateLimiter({ client, prefix });
    expect((await limiter.hit("flushed", 2, 60_000)).allowed).toBe(true);
    await client.script("FLUSH");
    expect(await limiter.hit("flushed", 2, 60_000)).toMatchObject({ allowed: true, remaining: 0 });
    expect((await limiter.hit("flushed", 2, 60_000)).allowed).toBe(false);
  });

  it("decides the hits on one key that arrive in one turn with one script call, in arrival order", async () => {
    const limiter = new RedisRateLimiter({ client, prefix });
    await limiter.hit("turn", 4, 60_000);
    const calls = vi.spyOn(client, "evalsha");
    try {
      const decisions = await Promise.all([1, 2, 3, 4, 5].map(() => limiter.hit("turn", 4, 60_000)));
      const other = limiter.hit("other-turn", 4, 60_000);
      expect(decisions.map((d) => [d.allowed, d.remaining])).toEqual([
        [true, 2],
        [true, 1],
        [true, 0],
        [false, 0],
        [false, 0],
      ]);
      expect(decisions[4]!.retryAfterMs).toBeGreaterThan(59_000);
      expect(await other).toMatchObject({ allowed: true, remaining: 3 });
      expect(calls).toHaveBeenCalledTimes(2);
      expect(await client.zcard(`${prefix}turn`)).toBe(4);
    } finally {
      calls.mockRestore();
    }
  });

  it("keeps a window only as long as it matters", async () => {
    const limiter = new RedisRateLimiter({ client, prefix });
    await limiter.hit("expiring", 5, 30_000);
    const ttl = await client.pttl(`${prefix}expiring`);
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
  });
});

describe("RedisRateLimiter when Redis is unreachable", () => {
  let client: Redis;
  beforeAll(async () => {
    client = createRedisClient(`redis://127.0.0.1:${await closedPort()}`);
    await client.connect().catch(() => undefined);
  });
  afterAll(() => closeRedisClient(client));

  it("throws, so the caller picks failing open or a local fallback", async () => {
    const limiter = new RedisRateLimiter({ client });
    const failure = await limiter.hit("ip:1", 10, 60_000).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RateLimiterUnavailableError);
    expect((failure as Error).message).toMatch(/^the Redis rate limiter did not answer: /);
  });
});

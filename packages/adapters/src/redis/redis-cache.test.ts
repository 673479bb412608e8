import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeRedisClient, createRedisClient } from "./create-redis-client.js";
import { RedisCache } from "./redis-cache.js";
import { closedPort, dropPrefixAndClose, redisUnavailable, testPrefix, testRedisClient } from "./test-support/test-redis.js";

// The port's behaviour is in contracts/cache.contract.ts; these are what Redis adds to it.

const reason = await redisUnavailable();
if (reason !== null) console.warn(`RedisCache tests skipped: ${reason}`);

describe.skipIf(reason !== null)("RedisCache on a live Redis", () => {
  const prefix = testPrefix("redis-cache");
  let first: Redis;
  let second: Redis;
  beforeAll(async () => {
    first = await testRedisClient();
    second = await testRedisClient();
  });
  afterAll(async () => {
    await closeRedisClient(second);
    await dropPrefixAndClose(first, prefix);
  });

  it("shares entries and namespace versions between instances on other connections", async () => {
    const a = new RedisCache({ client: first, prefix });
    const b = new RedisCache({ client: second, prefix });
    await a.set("product:tee", { price: 1999 }, 60);
    expect(await b.get("product:tee")).toEqual({ price: 1999 });
    await b.bump("catalog");
    expect(await a.version("catalog")).toBe(1);
  });

  it("keeps keys under its prefix, entries with a TTL and versions without one", async () => {
    const cache = new RedisCache({ client: first, prefix });
    await cache.set("ttl", 1, 60);
    await cache.bump("versions");
    const entryTtl = await first.pttl(`${prefix}k:ttl`);
    expect(entryTtl).toBeGreaterThan(55_000);
    expect(entryTtl).toBeLessThanOrEqual(60_000);
    expect(await first.get(`${prefix}v:versions`)).toBe("1");
    expect(await first.pttl(`${prefix}v:versions`)).toBe(-1);
  });

  it("stores JSON, so a Date comes back as its ISO string", async () => {
    const cache = new RedisCache({ client: first, prefix });
    await cache.set("dated", { at: new Date("2030-01-01T00:00:00Z") }, 60);
    expect(await cache.get("dated")).toEqual({ at: "2030-01-01T00:00:00.000Z" });
  });

  it("treats a value it cannot parse as a miss", async () => {
    const cache = new RedisCache({ client: first, prefix });
    await first.set(`${prefix}k:garbled`, "{not json", "EX", 60);
    expect(await cache.get("garbled")).toBeUndefined();
  });

  it("confirms a version another instance bumped, with one GET for the callers of one turn", async () => {
    const a = new RedisCache({ client: first, prefix });
    const b = new RedisCache({ client: second, prefix });
    await b.bump("checked");
    await b.bump("checked");
    const gets = vi.spyOn(first, "get");
    try {
      const answers = await Promise.all([a.checkedVersion("checked"), a.checkedVersion("checked"), a.checkedVersion("checked")]);
      expect(answers).toEqual(Array.from({ length: 3 }, () => ({ version: 2, confirmed: true })));
      expect(gets).toHaveBeenCalledTimes(1);
      // A caller after the bump, even one turn later, reads again and sees it.
      await b.bump("checked");
      expect(await a.checkedVersion("checked")).toEqual({ version: 3, confirmed: true });
      expect(gets).toHaveBeenCalledTimes(2);
    } finally {
      gets.mockRestore();
    }
  });

  it("reports ok when Redis answers", async () => {
    const cache = new RedisCache({ client: first, prefix });
    expect(await cache.status()).toBe("ok");
    expect(cache.failures).toBe(0);
  });
});

describe("RedisCache when Redis is unreachable", () => {
  let client: Redis;
  beforeAll(async () => {
    client = createRedisClient(`redis://127.0.0.1:${await closedPort()}`);
    await client.connect().catch(() => undefined);
  });
  afterAll(() => closeRedisClient(client));

  it("turns every call into a miss or a no-op, counts it, and never throws", async () => {
    const cache = new RedisCache({ client, prefix: "unreachable:" });
    await expect(cache.set("k", { a: 1 }, 60)).resolves.toBeUndefined();
    expect(await cache.get("k")).toBeUndefined();
    await expect(cache.delete("k")).resolves.toBeUndefined();
    expect(await cache.version("catalog")).toBe(0);
    await expect(cache.bump("catalog")).resolves.toBeUndefined();
    expect(cache.failures).toBeGreaterThanOrEqual(5);
    cache.close();
  });

  it("does not confirm the version it falls back to", async () => {
    const cache = new RedisCache({ client, prefix: "unreachable:" });
    expect(await cache.checkedVersion("catalog")).toEqual({ version: 0, confirmed: false });
    cache.close();
  });

  it("reports degraded", async () => {
    const cache = new RedisCache({ client, prefix: "unreachable:" });
    expect(await cache.status()).toBe("degraded");
  });
});

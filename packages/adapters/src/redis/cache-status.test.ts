import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InMemoryCache } from "../memory/in-memory-cache.js";
import { cacheStatus } from "./cache-status.js";
import { closeRedisClient, createRedisClient } from "./create-redis-client.js";
import { RedisCache } from "./redis-cache.js";
import { closedPort } from "./test-support/test-redis.js";

describe("cacheStatus", () => {
  it("is ok for a cache that keeps what it is given", async () => {
    expect(await cacheStatus(new InMemoryCache())).toBe("ok");
  });

  it("is degraded for a cache that loses what it is given", async () => {
    expect(await cacheStatus(new InMemoryCache({ maxEntries: 0 }))).toBe("degraded");
  });

  describe("with a cache that reports its own status", () => {
    let client: Redis;
    beforeAll(async () => {
      client = createRedisClient(`redis://127.0.0.1:${await closedPort()}`);
      await client.connect().catch(() => undefined);
    });
    afterAll(() => closeRedisClient(client));

    it("asks the cache", async () => {
      const cache = new RedisCache({ client });
      expect(await cacheStatus(cache)).toBe("degraded");
      expect(cache.failures).toBe(1);
    });
  });
});

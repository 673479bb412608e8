import { closeRedisClient, RedisCache } from "@emporium/adapters";
import { invalidateCatalogCache, ok } from "@emporium/domain";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropPrefixAndClose, redisUnavailable, testPrefix, testRedisClient } from "../../adapters/src/redis/test-support/test-redis.js";
import { CatalogReadCache } from "./catalog-read-cache.js";
import { createMetrics } from "./middleware/metrics.js";

// Two instances of the shop, each with its own connection and its own entries in process,
// sharing one Redis: a catalogue change made through one is served by the other at once.

const reason = await redisUnavailable();
if (reason !== null) console.warn(`CatalogReadCache on Redis tests skipped: ${reason}`);

describe.skipIf(reason !== null)("CatalogReadCache over Redis, two instances", () => {
  const prefix = testPrefix("catalog-read-cache");
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

  it("serves the other instance's change on the very next read, though both kept the old page", async () => {
    const cacheOne = new RedisCache({ client: first, prefix });
    const cacheTwo = new RedisCache({ client: second, prefix });
    const one = new CatalogReadCache({ cache: cacheOne, metrics: createMetrics() });
    const two = new CatalogReadCache({ cache: cacheTwo, metrics: createMetrics() });
    let price = 1999;
    const load = async () => ok({ price });

    expect(await one.readJson("product", "tee", 3600, load)).toMatchObject(ok({ json: '{"price":1999}' }));
    // Instance two fills from Redis, then answers from its own copy.
    const fail = async (): Promise<ReturnType<typeof ok<{ price: number }>>> => {
      throw new Error("instance two should not load while the entry is cached");
    };
    expect(await two.readJson("product", "tee", 3600, fail)).toMatchObject(ok({ json: '{"price":1999}' }));
    expect(await two.readJson("product", "tee", 3600, fail)).toMatchObject(ok({ json: '{"price":1999}' }));

    price = 2099;
    await invalidateCatalogCache(cacheOne);
    expect(await two.readJson("product", "tee", 3600, load)).toMatchObject(ok({ json: '{"price":2099}' }));
    expect(await one.readJson("product", "tee", 3600, fail)).toMatchObject(ok({ json: '{"price":2099}' }));
    cacheOne.close();
    cacheTwo.close();
  });
});

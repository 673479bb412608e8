import { describe } from "vitest";
import { InMemoryCache } from "../memory/in-memory-cache.js";
import { InMemoryRateLimiter } from "../memory/in-memory-rate-limiter.js";
import { RedisCache } from "../redis/redis-cache.js";
import { RedisRateLimiter } from "../redis/redis-rate-limiter.js";
import { dropPrefixAndClose, redisUnavailable, testPrefix, testRedisClient } from "../redis/test-support/test-redis.js";
import { cacheContract } from "./cache.contract.js";
import { rateLimiterContract } from "./rate-limiter.contract.js";

describe("memory", () => {
  cacheContract(async () => ({ cache: new InMemoryCache(), close: async () => undefined }));
  rateLimiterContract(async () => ({ limiter: new InMemoryRateLimiter(), close: async () => undefined }));
});

const reason = await redisUnavailable();
if (reason !== null) console.warn(`Redis cache and rate limiter contracts skipped: ${reason}`);

// Each suite gets a client and a key prefix of its own, so parallel test files never meet.
describe.skipIf(reason !== null)("redis", () => {
  cacheContract(async () => {
    const client = await testRedisClient();
    const prefix = testPrefix("cache-contract");
    return { cache: new RedisCache({ client, prefix }), close: () => dropPrefixAndClose(client, prefix) };
  });
  rateLimiterContract(async () => {
    const client = await testRedisClient();
    const prefix = testPrefix("limiter-contract");
    return { limiter: new RedisRateLimiter({ client, prefix }), close: () => dropPrefixAndClose(client, prefix) };
  });
});

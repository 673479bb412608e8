import type { Cache, RateLimiter } from "@emporium/domain";
import { ContainerModule } from "inversify";
import type { Config } from "../config.js";
import { InMemoryCache } from "../memory/in-memory-cache.js";
import { InMemoryRateLimiter } from "../memory/in-memory-rate-limiter.js";
import { closeRedisClient, createRedisClient } from "../redis/create-redis-client.js";
import { RedisCache } from "../redis/redis-cache.js";
import { RedisRateLimiter } from "../redis/redis-rate-limiter.js";
import { parseRedisUrl } from "../redis/redis-url.js";
import { constant } from "./binding.js";
import type { Logger } from "./logger.js";
import { Tokens } from "./tokens.js";

/** The cache and the rate limiters a container binds, and how to let go of them. */
export interface CacheAdapters {
  readonly cache: Cache;
  /** The general limiter: shared through Redis when REDIS_URL is set. */
  readonly rateLimiter: RateLimiter;
  /** Always strict and in process: the fallback of login and password reset when Redis is down. */
  readonly authRateLimiter: RateLimiter;
  /** Closes the Redis connection, if there is one. */
  close(): Promise<void>;
}

/**
 * REDIS_URL set: RedisCache and RedisRateLimiter over one fail-fast client, their keys under
 * the URL's `prefix` parameter (`emporium:` by default); unset: both in process memory.
 * Never rejects: a Redis that does not answer at start is logged and retried in the
 * background while the instance serves from the database (DESIGN §8).
 */
export async function openCache(config: Config, logger: Logger): Promise<CacheAdapters> {
  const authRateLimiter = new InMemoryRateLimiter();
  if (config.redisUrl === null) {
    return { cache: new InMemoryCache(), rateLimiter: new InMemoryRateLimiter(), authRateLimiter, close: async () => undefined };
  }
  const { url, prefix } = parseRedisUrl(config.redisUrl);
  const client = createRedisClient(url, { logger });
  // A refused connection is already logged by the client, which keeps reconnecting.
  await client.connect().catch(() => undefined);
  const cache = new RedisCache({ client, prefix: `${prefix}cache:`, logger });
  return {
    cache,
    rateLimiter: new RedisRateLimiter({ client, prefix: `${prefix}rate:` }),
    authRateLimiter,
    close: async () => {
      cache.close();
      await closeRedisClient(client);
    },
  };
}

/** Binds what openCache opened. */
export const cacheModule = ({ cache, rateLimiter, authRateLimiter }: CacheAdapters) =>
  new ContainerModule(({ bind }) => {
    constant(bind, Tokens.Cache, cache);
    constant(bind, Tokens.RateLimiter, rateLimiter);
    // A limiter of its own, so general traffic never shares windows with login attempts.
    constant(bind, Tokens.AuthRateLimiter, authRateLimiter);
  });

import { randomUUID } from "node:crypto";
import type { RateLimitDecision, RateLimiter } from "@emporium/domain";
import type { Redis } from "ioredis";
import { SLIDING_WINDOW_LUA, SLIDING_WINDOW_SHA } from "./sliding-window-script.js";

export interface RedisRateLimiterOptions {
  /** A fail-fast client (see createRedisClient). */
  readonly client: Redis;
  /** Put before every key (default `emporium:rate:`). */
  readonly prefix?: string;
}

/** Thrown when Redis cannot decide a hit; the caller chooses between failing open and a local fallback. */
export class RateLimiterUnavailableError extends Error {
  override readonly name = "RateLimiterUnavailableError";
}

/**
 * The RateLimiter port on Redis: one window per key shared by every instance, decided by an
 * atomic Lua script (EVALSHA, and EVAL when Redis does not have it cached yet). Unlike the
 * cache it throws when Redis fails, because what to do then is a policy of the caller: the
 * HTTP middleware fails open for general traffic and falls back to a strict in-process
 * limiter for login and password reset (DESIGN §13).
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly client: Redis;
  private readonly prefix: string;

  constructor({ client, prefix = "emporium:rate:" }: RedisRateLimiterOptions) {
    this.client = client;
    this.prefix = prefix;
  }

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitDecision> {
    const args = [`${this.prefix}${key}`, limit, windowMs, randomUUID()];
    let reply: unknown;
    try {
      reply = await this.client.evalsha(SLIDING_WINDOW_SHA, 1, ...args).catch((error: unknown) => {
        if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
        return this.client.eval(SLIDING_WINDOW_LUA, 1, ...args);
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new RateLimiterUnavailableError(`the Redis rate limiter did not answer: ${reason}`, { cause: error });
    }
    const [allowed, remaining, retryAfterMs] = reply as [number, number, number];
    return { allowed: allowed === 1, limit, remaining, retryAfterMs };
  }
}

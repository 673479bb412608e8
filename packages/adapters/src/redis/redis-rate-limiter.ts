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

// Hits decided by one script call at most (each is an argument; Lua's stack is bounded).
const MAX_HITS_PER_CALL = 500;

interface PendingHit {
  resolve(decision: RateLimitDecision): void;
  reject(error: unknown): void;
}

interface Window {
  readonly key: string;
  readonly limit: number;
  readonly windowMs: number;
  readonly hits: PendingHit[];
}

/**
 * The RateLimiter port on Redis: one window per key shared by every instance, decided by an
 * atomic Lua script (EVALSHA, and EVAL when Redis does not have it cached yet). The hits on one
 * key that arrive in one turn of the event loop are decided by one call, in arrival order, so a
 * busy client costs one round trip per turn rather than one per request. Unlike the cache it
 * throws when Redis fails, because what to do then is a policy of the caller: the HTTP
 * middleware fails open for general traffic and falls back to a strict in-process limiter for
 * login and password reset (DESIGN §13).
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly client: Redis;
  private readonly prefix: string;
  private readonly pending = new Map<string, Window>();

  constructor({ client, prefix = "emporium:rate:" }: RedisRateLimiterOptions) {
    this.client = client;
    this.prefix = prefix;
  }

  hit(key: string, limit: number, windowMs: number): Promise<RateLimitDecision> {
    return new Promise((resolve, reject) => {
      const id = `${limit}:${windowMs}:${key}`;
      let window = this.pending.get(id);
      if (window === undefined) {
        window = { key, limit, windowMs, hits: [] };
        this.pending.set(id, window);
        setImmediate(() => {
          this.pending.delete(id);
          void this.decide(window!);
        });
      }
      window.hits.push({ resolve, reject });
    });
  }

  private async decide({ key, limit, windowMs, hits }: Window): Promise<void> {
    for (let start = 0; start < hits.length; start += MAX_HITS_PER_CALL) {
      const run = hits.slice(start, start + MAX_HITS_PER_CALL);
      try {
        const [allowed, before, retryAfterMs] = await this.run(`${this.prefix}${key}`, limit, windowMs, run.length);
        run.forEach((hit, i) =>
          hit.resolve(
            i < allowed
              ? { allowed: true, limit, remaining: limit - before - i - 1, retryAfterMs: 0 }
              : { allowed: false, limit, remaining: 0, retryAfterMs },
          ),
        );
      } catch (error) {
        for (const hit of run) hit.reject(error);
      }
    }
  }

  private async run(key: string, limit: number, windowMs: number, hits: number): Promise<[number, number, number]> {
    const args = [key, limit, windowMs, ...Array.from({ length: hits }, () => randomUUID())];
    try {
      const reply = await this.client.evalsha(SLIDING_WINDOW_SHA, 1, ...args).catch((error: unknown) => {
        if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
        return this.client.eval(SLIDING_WINDOW_LUA, 1, ...args);
      });
      return reply as [number, number, number];
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new RateLimiterUnavailableError(`the Redis rate limiter did not answer: ${reason}`, { cause: error });
    }
  }
}

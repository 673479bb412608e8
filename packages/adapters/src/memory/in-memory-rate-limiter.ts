import type { RateLimitDecision, RateLimiter } from "@emporium/domain";

export interface InMemoryRateLimiterOptions {
  /** Milliseconds since the epoch; injectable for tests. */
  readonly now?: () => number;
  /** Idle keys are swept once per this many hits, so the map does not grow without bound. */
  readonly sweepEvery?: number;
}

interface Window {
  /** Times of the allowed hits still inside the window, oldest first. */
  readonly hits: number[];
  windowMs: number;
}

/**
 * A sliding-window-log limiter in process memory: exact, and cheap for the
 * limits an API uses (at most `limit` timestamps per key). Refused hits are not
 * logged, so a client that keeps hammering is let back in as soon as its
 * oldest allowed hit leaves the window. Serves the embedded profile and the
 * strict fallback for auth routes when Redis is down.
 */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly now: () => number;
  private readonly sweepEvery: number;
  private hitsSinceSweep = 0;

  constructor({ now = Date.now, sweepEvery = 1_000 }: InMemoryRateLimiterOptions = {}) {
    this.now = now;
    this.sweepEvery = sweepEvery;
  }

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitDecision> {
    const now = this.now();
    this.maybeSweep(now);
    let window = this.windows.get(key);
    if (window === undefined) {
      window = { hits: [], windowMs };
      this.windows.set(key, window);
    }
    window.windowMs = windowMs;
    dropOlderThan(window.hits, now - windowMs);

    if (window.hits.length < limit) {
      window.hits.push(now);
      return { allowed: true, limit, remaining: limit - window.hits.length, retryAfterMs: 0 };
    }
    // The next hit is allowed once the oldest of the last `limit` allowed hits leaves the window.
    const oldestThatMustLeave = window.hits[window.hits.length - limit] ?? now;
    return { allowed: false, limit, remaining: 0, retryAfterMs: Math.max(1, oldestThatMustLeave + windowMs - now) };
  }

  /** Keys currently tracked. */
  get size(): number {
    return this.windows.size;
  }

  private maybeSweep(now: number): void {
    this.hitsSinceSweep += 1;
    if (this.hitsSinceSweep < this.sweepEvery) return;
    this.hitsSinceSweep = 0;
    for (const [key, window] of this.windows) {
      const newest = window.hits.at(-1);
      if (newest === undefined || newest <= now - window.windowMs) this.windows.delete(key);
    }
  }
}

/** Removes the leading timestamps at or before `cutoff` (the array is sorted). */
function dropOlderThan(hits: number[], cutoff: number): void {
  let expired = 0;
  while (expired < hits.length && (hits[expired] as number) <= cutoff) expired += 1;
  if (expired > 0) hits.splice(0, expired);
}

import type { RateLimitDecision, RateLimiter } from "@emporium/domain";

export interface InMemoryRateLimiterOptions {
  /** Milliseconds since the epoch; injectable for tests. */
  readonly now?: () => number;
  /** Idle keys are swept once per this many hits, so the map does not grow without bound. */
  readonly sweepEvery?: number;
}

/**
 * The allowed hits still inside the window, oldest first, as runs: `counts[i]` hits at
 * `times[i]` (one run per millisecond, so a busy key holds a thousand entries a second at
 * most, not one per hit). Entries before `head` have left the window; they are dropped in
 * bulk once they are half of the arrays, so a hit never moves the whole log.
 */
interface Window {
  times: number[];
  counts: number[];
  head: number;
  /** Allowed hits inside the window: the sum of `counts` from `head` on. */
  total: number;
  windowMs: number;
}

/**
 * A sliding-window-log limiter in process memory: exact, and cheap whatever the
 * limit (at most one entry per key and millisecond of the window, dropped in
 * bulk). Refused hits are not logged, so a client that keeps hammering is let
 * back in as soon as its oldest allowed hit leaves the window. Serves the embedded profile and the
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
      window = { times: [], counts: [], head: 0, total: 0, windowMs };
      this.windows.set(key, window);
    }
    window.windowMs = windowMs;
    dropOlderThan(window, now - windowMs);

    if (window.total < limit) {
      const last = window.times.length - 1;
      if (last >= window.head && window.times[last] === now) window.counts[last] = (window.counts[last] as number) + 1;
      else {
        window.times.push(now);
        window.counts.push(1);
      }
      window.total += 1;
      return { allowed: true, limit, remaining: limit - window.total, retryAfterMs: 0 };
    }
    // The next hit is allowed once the oldest of the last `limit` allowed hits leaves the window.
    const oldestThatMustLeave = timeOfHit(window, window.total - limit) ?? now;
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
      const newest = window.total === 0 ? undefined : window.times.at(-1);
      if (newest === undefined || newest <= now - window.windowMs) this.windows.delete(key);
    }
  }
}

/** Lets the leading runs at or before `cutoff` go (the runs are in time order). */
function dropOlderThan(window: Window, cutoff: number): void {
  const { times, counts } = window;
  let head = window.head;
  while (head < times.length && (times[head] as number) <= cutoff) {
    window.total -= counts[head] as number;
    head += 1;
  }
  if (head === times.length) {
    window.times = [];
    window.counts = [];
    head = 0;
  } else if (head >= 1_024 && head * 2 >= times.length) {
    window.times = times.slice(head);
    window.counts = counts.slice(head);
    head = 0;
  }
  window.head = head;
}

/** The time of the `index`-th allowed hit still in the window (0 is the oldest). */
function timeOfHit(window: Window, index: number): number | undefined {
  let seen = 0;
  for (let i = window.head; i < window.times.length; i += 1) {
    seen += window.counts[i] as number;
    if (seen > index) return window.times[i];
  }
  return undefined;
}

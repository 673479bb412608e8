import { describe, expect, it } from "vitest";
import { InMemoryRateLimiter } from "./in-memory-rate-limiter.js";

function fakeClock() {
  let time = 5_000_000;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe("InMemoryRateLimiter", () => {
  it("allows exactly `limit` hits per window, counting remaining down", async () => {
    const limiter = new InMemoryRateLimiter({ now: fakeClock().now });
    const decisions = [];
    for (let i = 0; i < 7; i += 1) decisions.push(await limiter.hit("ip:1", 5, 60_000));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, false, false]);
    expect(decisions.map((d) => d.remaining)).toEqual([4, 3, 2, 1, 0, 0, 0]);
    expect(decisions.every((d) => d.limit === 5)).toBe(true);
    expect(decisions[0]!.retryAfterMs).toBe(0);
  });

  it("says when the oldest hit leaves the window, and allows again exactly then", async () => {
    const clock = fakeClock();
    const limiter = new InMemoryRateLimiter({ now: clock.now });
    await limiter.hit("k", 2, 1_000);
    clock.advance(300);
    await limiter.hit("k", 2, 1_000);
    clock.advance(100);
    const refused = await limiter.hit("k", 2, 1_000);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterMs: 600 });
    clock.advance(599);
    expect((await limiter.hit("k", 2, 1_000)).allowed).toBe(false);
    clock.advance(1);
    expect(await limiter.hit("k", 2, 1_000)).toMatchObject({ allowed: true, remaining: 0 });
    const next = await limiter.hit("k", 2, 1_000);
    expect(next.allowed).toBe(false);
    expect(next.retryAfterMs).toBe(300);
  });

  it("slides: hits spread over the window never exceed the limit in any window", async () => {
    const clock = fakeClock();
    const limiter = new InMemoryRateLimiter({ now: clock.now });
    const allowedAt: number[] = [];
    for (let i = 0; i < 300; i += 1) {
      if ((await limiter.hit("k", 10, 1_000)).allowed) allowedAt.push(clock.now());
      clock.advance(37);
    }
    for (const start of allowedAt) {
      expect(allowedAt.filter((t) => t >= start && t < start + 1_000).length).toBeLessThanOrEqual(10);
    }
    expect(allowedAt.length).toBeGreaterThan(10);
  });

  it("keeps keys apart", async () => {
    const limiter = new InMemoryRateLimiter({ now: fakeClock().now });
    expect((await limiter.hit("a", 1, 1_000)).allowed).toBe(true);
    expect((await limiter.hit("a", 1, 1_000)).allowed).toBe(false);
    expect((await limiter.hit("b", 1, 1_000)).allowed).toBe(true);
  });

  it("forgets idle keys when it sweeps", async () => {
    const clock = fakeClock();
    const limiter = new InMemoryRateLimiter({ now: clock.now, sweepEvery: 3 });
    await limiter.hit("a", 5, 1_000);
    await limiter.hit("b", 5, 1_000);
    clock.advance(1_000);
    await limiter.hit("c", 5, 1_000);
    expect(limiter.size).toBe(1);
  });

  it("is as exact for many hits in one millisecond, and for a limit lowered while the window is full", async () => {
    const clock = fakeClock();
    const limiter = new InMemoryRateLimiter({ now: clock.now });
    for (let i = 0; i < 3; i += 1) await limiter.hit("k", 6, 1_000);
    clock.advance(10);
    for (let i = 0; i < 3; i += 1) await limiter.hit("k", 6, 1_000);
    expect(await limiter.hit("k", 6, 1_000)).toMatchObject({ allowed: false, retryAfterMs: 990 });
    // With a limit of two, five of the six logged hits must leave first: the fifth is at +10 ms.
    expect(await limiter.hit("k", 2, 1_000)).toMatchObject({ allowed: false, retryAfterMs: 1_000 });
    clock.advance(990);
    expect(await limiter.hit("k", 6, 1_000)).toMatchObject({ allowed: true, remaining: 2 });
    clock.advance(10);
    expect(await limiter.hit("k", 6, 1_000)).toMatchObject({ allowed: true, remaining: 4 });
  });

  it("keeps sliding exactly over many windows of a busy key", async () => {
    const clock = fakeClock();
    const limiter = new InMemoryRateLimiter({ now: clock.now });
    let allowed = 0;
    for (let ms = 0; ms < 5_000; ms += 1) {
      for (let i = 0; i < 3; i += 1) if ((await limiter.hit("k", 1_500, 1_000)).allowed) allowed += 1;
      clock.advance(1);
    }
    // 3 hits a millisecond is 3,000 a window: exactly the limit gets through in each full window.
    expect(allowed).toBe(5 * 1_500);
  });
});

import type { RateLimiter } from "@emporium/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uid } from "./fixtures.js";

/** One fresh limiter behind the port, as the contract sees it. */
export interface RateLimiterHarness {
  readonly limiter: RateLimiter;
  close(): Promise<void>;
}

export type CreateRateLimiter = () => Promise<RateLimiterHarness>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What every RateLimiter adapter promises: at most `limit` hits per sliding `windowMs` per key, decided atomically. */
export function rateLimiterContract(create: CreateRateLimiter): void {
  describe("RateLimiter", () => {
    let harness: RateLimiterHarness | undefined;
    beforeAll(async () => {
      harness = await create();
    });
    afterAll(async () => {
      await harness?.close();
    });
    const limiter = (): RateLimiter => {
      if (harness === undefined) throw new Error("the limiter is not open yet: use it inside it() blocks");
      return harness.limiter;
    };

    it("allows exactly `limit` hits per window, counting remaining down", async () => {
      const key = uid("ip");
      const decisions = [];
      for (let i = 0; i < 7; i += 1) decisions.push(await limiter().hit(key, 5, 60_000));
      expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, false, false]);
      expect(decisions.map((d) => d.remaining)).toEqual([4, 3, 2, 1, 0, 0, 0]);
      expect(decisions.every((d) => d.limit === 5)).toBe(true);
      expect(decisions.slice(0, 5).every((d) => d.retryAfterMs === 0)).toBe(true);
    });

    it("says how long a refused client must wait: more than nothing, at most one window", async () => {
      const key = uid("ip");
      await limiter().hit(key, 1, 60_000);
      const refused = await limiter().hit(key, 1, 60_000);
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    });

    it("lets a client back in once its hits leave the window, refused hits not counting", async () => {
      const key = uid("ip");
      expect((await limiter().hit(key, 2, 300)).allowed).toBe(true);
      expect((await limiter().hit(key, 2, 300)).allowed).toBe(true);
      for (let i = 0; i < 5; i += 1) expect((await limiter().hit(key, 2, 300)).allowed).toBe(false);
      await sleep(450);
      expect(await limiter().hit(key, 2, 300)).toMatchObject({ allowed: true, remaining: 1 });
    });

    it("keeps keys apart", async () => {
      const [a, b] = [uid("a"), uid("b")];
      expect((await limiter().hit(a, 1, 60_000)).allowed).toBe(true);
      expect((await limiter().hit(a, 1, 60_000)).allowed).toBe(false);
      expect((await limiter().hit(b, 1, 60_000)).allowed).toBe(true);
    });

    it("lets exactly `limit` of many concurrent hits through", async () => {
      const key = uid("burst");
      const decisions = await Promise.all(Array.from({ length: 200 }, () => limiter().hit(key, 37, 60_000)));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(37);
      expect(
        decisions
          .filter((d) => d.allowed)
          .map((d) => d.remaining)
          .sort((x, y) => x - y),
      ).toEqual(Array.from({ length: 37 }, (_, i) => i));
    });

    it("refuses everything with a limit of 0", async () => {
      const refused = await limiter().hit(uid("none"), 0, 1_000);
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterMs).toBeGreaterThan(0);
    });
  });
}

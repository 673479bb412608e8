import type { RateLimiter } from "@emporium/domain";
import { InMemoryRateLimiter } from "@emporium/adapters";
import { describe, expect, it } from "vitest";
import { createApi } from "../app-factory.js";
import { captureLogs } from "../test-support/log-capture.js";
import { fromSocket } from "../test-support/socket-env.js";
import { createMetrics } from "./metrics.js";
import { rateLimit, type RateLimitOptions } from "./rate-limit.js";

/** A limiter whose store is down, as RedisRateLimiter is when Redis does not answer. */
class UnreachableLimiter implements RateLimiter {
  calls = 0;
  async hit(): Promise<never> {
    this.calls += 1;
    throw new Error("connect ECONNREFUSED 127.0.0.1:6379");
  }
}

const WINDOW_MS = 60_000;

const makeApp = (options: Partial<RateLimitOptions> = {}, authLimit = 2) => {
  const logs = captureLogs();
  const limiter = new InMemoryRateLimiter({ now: () => 1_000_000 });
  const metrics = createMetrics();
  const app = createApi({ logger: logs.logger });
  const base = { limit: 2, windowMs: WINDOW_MS, limiter, metrics, logger: logs.logger, ...options };
  app.use("/v1/auth/*", rateLimit({ ...base, group: "auth", limit: authLimit }));
  app.use("/v1/*", rateLimit({ ...base, group: "general" }));
  app.get("/v1/products", (c) => c.json({ ok: true }));
  app.post("/v1/auth/login", (c) => c.json({ ok: true }));
  return { app, metrics, logs };
};

const get = (app: ReturnType<typeof makeApp>["app"], ip = "10.0.0.1", headers: Record<string, string> = {}) =>
  app.request("/v1/products", { headers }, fromSocket(ip));

describe("rateLimit", () => {
  it("allows `limit` requests per window, then answers 429 with Retry-After", async () => {
    const { app } = makeApp();
    const first = await get(app);
    const second = await get(app);
    const third = await get(app);
    expect([first.status, second.status, third.status]).toEqual([200, 200, 429]);
    expect(third.headers.get("content-type")).toBe("application/problem+json");
    expect(third.headers.get("retry-after")).toBe("60");
    expect(await third.json()).toMatchObject({ code: "rate_limit.exceeded", status: 429, retryAfter: 60 });
  });

  it("sends RateLimit headers on every limited response", async () => {
    const { app } = makeApp();
    const first = await get(app);
    expect(first.headers.get("ratelimit-limit")).toBe("2");
    expect(first.headers.get("ratelimit-remaining")).toBe("1");
    expect(first.headers.get("ratelimit-reset")).toBe("60");
    await get(app);
    const refused = await get(app);
    expect(refused.headers.get("ratelimit-limit")).toBe("2");
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(refused.headers.get("ratelimit-reset")).toBe("60");
  });

  it("counts each client IP separately", async () => {
    const { app } = makeApp();
    await get(app, "10.0.0.1");
    await get(app, "10.0.0.1");
    expect((await get(app, "10.0.0.1")).status).toBe(429);
    expect((await get(app, "10.0.0.2")).status).toBe(200);
  });

  it("counts each route group separately", async () => {
    const { app } = makeApp({ limit: 10 }, 2);
    const login = () => app.request("/v1/auth/login", { method: "POST" }, fromSocket("10.0.0.1"));
    expect([(await login()).status, (await login()).status, (await login()).status]).toEqual([200, 200, 429]);
    const browse = await get(app);
    expect(browse.status).toBe(200);
    expect(browse.headers.get("ratelimit-limit")).toBe("10");
  });

  it("ignores X-Forwarded-For unless proxies are trusted", async () => {
    const { app } = makeApp();
    await get(app, "10.0.0.1", { "X-Forwarded-For": "1.1.1.1" });
    await get(app, "10.0.0.1", { "X-Forwarded-For": "2.2.2.2" });
    expect((await get(app, "10.0.0.1", { "X-Forwarded-For": "3.3.3.3" })).status).toBe(429);
  });

  it("limits by the forwarded address behind a trusted proxy", async () => {
    const { app } = makeApp({ trustProxy: 1 });
    await get(app, "10.0.0.254", { "X-Forwarded-For": "1.1.1.1" });
    await get(app, "10.0.0.254", { "X-Forwarded-For": "1.1.1.1" });
    expect((await get(app, "10.0.0.254", { "X-Forwarded-For": "1.1.1.1" })).status).toBe(429);
    expect((await get(app, "10.0.0.254", { "X-Forwarded-For": "2.2.2.2" })).status).toBe(200);
  });

  it("fails open when the limiter is down, counting it in a metric", async () => {
    const { app, metrics, logs } = makeApp({ limiter: new UnreachableLimiter() });
    for (let i = 0; i < 3; i += 1) expect((await get(app)).status).toBe(200);
    expect(await metrics.registry.metrics()).toContain('rate_limit_fail_open_total{group="general"} 3');
    expect(logs.lines.some((line) => line["msg"] === "rate limiter failed")).toBe(true);
  });

  it("falls back to the strict in-process limiter instead when told not to fail open", async () => {
    const unreachable = new UnreachableLimiter();
    const { app, metrics } = makeApp({
      limiter: unreachable,
      failOpen: false,
      fallback: new InMemoryRateLimiter({ now: () => 1_000_000 }),
    });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await app.request("/v1/auth/login", { method: "POST" }, fromSocket("10.0.0.1"))).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect(unreachable.calls).toBeGreaterThan(0);
    expect(await metrics.registry.metrics()).not.toContain("rate_limit_fail_open_total{");
  });

  it("refuses with 503 when it may neither fail open nor fall back", async () => {
    const { app } = makeApp({ limiter: new UnreachableLimiter(), failOpen: false });
    const res = await get(app);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: "rate_limit.unavailable" });
  });
});

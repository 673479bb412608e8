import { Tokens } from "@emporium/adapters";
import { createRoute, z } from "@hono/zod-openapi";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApi } from "./app-factory.js";
import type { RouteModule } from "./routes/route-context.js";
import { problemResponses, strictBody } from "./schemas/common.js";
import { createTestApp, type TestApp } from "./test-support/test-app.js";

const MIB = 1024 * 1024;

/** A tiny route group: an auth-group route and a JSON body route, so these tests do not depend on the real modules. */
const probeRoutes: RouteModule = () => {
  const api = createApi();
  api.openapi(
    createRoute({
      method: "post",
      path: "/probe/echo",
      request: { body: { content: { "application/json": { schema: strictBody({ name: z.string() }) } }, required: true } },
      responses: {
        200: { description: "Echo", content: { "application/json": { schema: z.object({ name: z.string() }) } } },
        ...problemResponses(400, 413, 422),
      },
    }),
    (c) => c.json(c.req.valid("json"), 200),
  );
  api.get("/auth/probe", (c) => c.json({ ok: true }));
  return api;
};

const chunkedBody = (bytes: number) => {
  let left = bytes;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (left === 0) return controller.close();
      const size = Math.min(left, 64 * 1024);
      left -= size;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
};

describe("createApp with every route module", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { CORS_ORIGINS: "https://shop.example.com" } });
  });
  afterAll(() => t.close());

  it("sends the secure headers on every response", async () => {
    const res = await t.app.request("/healthz");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  });

  it("echoes the caller's X-Request-Id and makes one up otherwise", async () => {
    const given = await t.app.request("/healthz", { headers: { "X-Request-Id": "req-42.abc" } });
    expect(given.headers.get("x-request-id")).toBe("req-42.abc");
    const made = await t.app.request("/healthz");
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("allows CORS for the configured origin only", async () => {
    const allowed = await t.app.request("/healthz", { headers: { Origin: "https://shop.example.com" } });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://shop.example.com");
    const other = await t.app.request("/healthz", { headers: { Origin: "https://evil.example.com" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers an unknown route with a 404 problem", async () => {
    const res = await t.json("GET", "/v1/no-such-thing");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body).toMatchObject({ status: 404, code: "route.not_found", detail: "No route matches GET /v1/no-such-thing" });
  });

  it("refuses a forged bearer token on /v1 with 401", async () => {
    const res = await t.json("GET", "/v1/no-such-thing", { token: "not.a.jwt" });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: "auth.unauthenticated" });
  });

  it("serves an OpenAPI 3.1 document of the mounted routes", async () => {
    const res = await t.json<{ openapi: string; info: { title: string }; paths: Record<string, Record<string, { responses: object }>> }>(
      "GET",
      "/openapi.json",
    );
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    expect(res.body.info.title).toBe("Emporium API");
    const paths = Object.keys(res.body.paths);
    expect(paths).toContain("/healthz");
    expect(paths.filter((path) => path.startsWith("/v1/")).length).toBeGreaterThan(0);
    for (const [path, operations] of Object.entries(res.body.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(Object.keys(operation.responses).length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
  });

  it("serves the interactive reference at /docs", async () => {
    const res = await t.app.request("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain("/openapi.json");
    expect(html.toLowerCase()).toContain("swagger");
  });

  it("is ready when the database, cache and search answer", async () => {
    const res = await t.json("GET", "/readyz");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", checks: { database: "ok", cache: "ok", search: "ok" } });
  });

  it("counts requests by route pattern in /metrics", async () => {
    await t.app.request("/healthz");
    const text = await (await t.app.request("/metrics")).text();
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+/);
  });
});

describe("createApp limits", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: false, modules: [probeRoutes], env: { RATE_LIMIT_AUTH_MAX: "2", RATE_LIMIT_MAX: "1000" } });
  });
  afterAll(() => t.close());

  const echo = (body: string | ReadableStream<Uint8Array>) =>
    t.app.request("/v1/probe/echo", {
      method: "POST",
      body,
      headers: { "Content-Type": "application/json" },
      duplex: "half",
    } as RequestInit);

  it("refuses a malformed JSON body with 400 request.malformed", async () => {
    const res = await echo('{"name": ');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "request.malformed", status: 400 });
  });

  it("refuses unknown body fields with 422 naming them", async () => {
    const res = await t.json("POST", "/v1/probe/echo", { body: { name: "x", role: "admin" } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: "role", message: "is not an accepted field" }]);
  });

  it("refuses 1 MiB + 1 with 413, with a Content-Length or chunked", async () => {
    const declared = await echo("a".repeat(MIB + 1));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ code: "request.too_large" });
    const chunked = await echo(chunkedBody(MIB + 1));
    expect(chunked.status).toBe(413);
    expect(await chunked.json()).toMatchObject({ code: "request.too_large" });
  });

  it("reads a body of exactly 1 MiB (it is not JSON, so 400, not 413)", async () => {
    const res = await echo(chunkedBody(MIB));
    expect(res.status).toBe(400);
  });

  it("limits the auth group tighter than the rest, with RateLimit-* and Retry-After", async () => {
    const first = await t.app.request("/v1/auth/probe");
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-limit")).toBe("2");
    expect(first.headers.get("ratelimit-remaining")).toBe("1");
    expect((await t.app.request("/v1/auth/probe")).status).toBe(200);

    const refused = await t.app.request("/v1/auth/probe");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ code: "rate_limit.exceeded", status: 429 });

    const general = await t.json("POST", "/v1/probe/echo", { body: { name: "still allowed" } });
    expect(general.status).toBe(200);
    expect(general.headers.get("ratelimit-limit")).toBe("1000");
  });
});

describe("createApp when the shared rate limiter fails", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: false, modules: [probeRoutes], env: { RATE_LIMIT_AUTH_MAX: "1" } });
    // What an unreachable Redis looks like to the middleware.
    vi.spyOn(t.container.get(Tokens.RateLimiter), "hit").mockRejectedValue(new Error("connect ECONNREFUSED 127.0.0.1:6379"));
  });
  afterAll(() => t.close());

  it("keeps limiting auth routes with the strict in-process limiter and lets general traffic through", async () => {
    expect((await t.app.request("/v1/auth/probe")).status).toBe(200);
    expect((await t.app.request("/v1/auth/probe")).status).toBe(429);

    const general = await t.json("POST", "/v1/probe/echo", { body: { name: "open" } });
    expect(general.status).toBe(200);
    const metrics = await (await t.app.request("/metrics")).text();
    expect(metrics).toMatch(/rate_limit_fail_open_total\{group="general"\} [1-9]/);
  });
});

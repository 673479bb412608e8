import { createRoute, z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { createApi } from "./app-factory.js";
import { createMetrics } from "./middleware/metrics.js";
import { BEARER_SECURITY, registerOps, type CheckStatus, type ReadinessCheck } from "./ops.js";
import { problemResponses, strictBody } from "./schemas/common.js";
import { captureLogs } from "./test-support/log-capture.js";

const check = (name: string, status: CheckStatus): ReadinessCheck => ({ name, check: async () => status });

const makeApp = (checks: readonly ReadinessCheck[] = []) => {
  const metrics = createMetrics();
  const app = createApi({ logger: captureLogs().logger });
  registerOps(app, {
    checks,
    metrics,
    checkTimeoutMs: 50,
    openapi: { title: "Emporium", version: "1.2.3", servers: [{ url: "http://127.0.0.1:3000", description: "local" }] },
  });
  return { app, metrics };
};

describe("/healthz", () => {
  it("says ok", async () => {
    const res = await makeApp().app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});

describe("/readyz", () => {
  it("is 200 ok when every check is ok", async () => {
    const res = await makeApp([check("database", "ok"), check("cache", "ok")]).app.request("/readyz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", checks: { database: "ok", cache: "ok" } });
  });

  it("stays 200 but names a degraded dependency", async () => {
    const res = await makeApp([check("database", "ok"), check("cache", "degraded")]).app.request("/readyz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "degraded", checks: { database: "ok", cache: "degraded" } });
  });

  it("is 503 when a dependency is down, failing or not answering", async () => {
    const failing: ReadinessCheck = { name: "broker", check: () => Promise.reject(new Error("ECONNREFUSED")) };
    const silent: ReadinessCheck = { name: "search", check: () => new Promise<CheckStatus>(() => {}) };
    const res = await makeApp([check("database", "down"), check("cache", "degraded"), failing, silent]).app.request("/readyz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: "down",
      checks: { database: "down", cache: "degraded", broker: "down", search: "down" },
    });
  });
});

describe("/metrics", () => {
  it("serves the app's registry as Prometheus text", async () => {
    const { app, metrics } = makeApp();
    metrics.ordersPlaced.inc(3);
    const res = await app.request("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    expect(await res.text()).toContain("orders_placed_total 3");
  });
});

describe("/openapi.json", () => {
  it("is an OpenAPI 3.1 document with info, servers, the bearer scheme and every route, mounted ones too", async () => {
    const { app } = makeApp();
    const group = createApi();
    group.openapi(
      createRoute({
        method: "post",
        path: "/things/{id}",
        security: BEARER_SECURITY,
        request: {
          params: z.object({ id: z.string() }),
          body: { required: true, content: { "application/json": { schema: strictBody({ name: z.string() }) } } },
        },
        responses: { 204: { description: "Done" }, ...problemResponses(404, 422) },
      }),
      (c) => c.body(null, 204),
    );
    app.route("/v1", group);
    const doc = (await (await app.request("/openapi.json")).json()) as {
      openapi: string;
      info: unknown;
      servers: unknown;
      paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>;
      components: { securitySchemes: unknown; schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toEqual({ title: "Emporium", version: "1.2.3" });
    expect(doc.servers).toEqual([{ url: "http://127.0.0.1:3000", description: "local" }]);
    expect(doc.components.securitySchemes).toEqual({
      bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "Access token from POST /v1/auth/login" },
    });
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/healthz", "/readyz", "/v1/things/{id}"]));
    const thing = doc.paths["/v1/things/{id}"]!["post"]!;
    expect(thing.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(thing.responses).sort()).toEqual(["204", "404", "422", "default"]);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["Problem", "ValidationProblem", "Readiness"]));
  });
});

describe("/docs", () => {
  it("serves the Swagger UI page pointing at /openapi.json", async () => {
    const res = await makeApp().app.request("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("SwaggerUIBundle");
    expect(html).toContain("/openapi.json");
  });
});

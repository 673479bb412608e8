import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { secureHeaders } from "hono/secure-headers";
import { plainResponse } from "./response-headers.js";
import { API_SECURE_HEADERS, security } from "./security.js";

const ALLOWED = "https://shop.example.com";

const makeApp = () => {
  const app = new Hono();
  app.use(security({ corsOrigins: [ALLOWED] }));
  app.get("/v1/products", (c) => c.json([]));
  app.post("/v1/checkout", (c) => c.json({}, 201));
  app.get("/docs", (c) => c.html("<html></html>"));
  return app;
};

describe("security", () => {
  it("sets secure headers and a deny-all CSP on API responses", async () => {
    const res = await makeApp().request("/v1/products");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("strict-transport-security")).toContain("max-age=");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });

  it("gives API responses exactly the secure headers Hono's secureHeaders middleware would", async () => {
    const reference = new Hono();
    reference.use(secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } }));
    reference.get("/", (c) => c.body(null, 204));
    const expected = Object.fromEntries((await reference.request("/")).headers);
    const lower = Object.fromEntries(Object.entries(API_SECURE_HEADERS).map(([name, value]) => [name.toLowerCase(), value]));
    expect(lower).toEqual(expected);
    const res = await makeApp().request("/v1/products");
    for (const [name, value] of Object.entries(API_SECURE_HEADERS)) expect(res.headers.get(name)).toBe(value);
  });

  it("sets them on a handler's own headers too, and on errors", async () => {
    const app = new Hono();
    app.use(security({ corsOrigins: [ALLOWED] }));
    app.get("/v1/plain", (c) => plainResponse(c, "{}", 200, { "Content-Type": "application/json", ETag: 'W/"x"' }));
    app.get("/v1/boom", () => {
      throw new Error("boom");
    });
    app.onError((_error, c) => c.json({ error: true }, 500));
    const plain = await app.request("/v1/plain", { headers: { Origin: ALLOWED } });
    expect(plain.headers.get("etag")).toBe('W/"x"');
    expect(plain.headers.get("x-content-type-options")).toBe("nosniff");
    expect(plain.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(plain.headers.get("vary")).toBe("Origin");
    const failed = await app.request("/v1/boom");
    expect(failed.status).toBe(500);
    expect(failed.headers.get("content-security-policy")).toBe(API_SECURE_HEADERS["Content-Security-Policy"]);
    expect(failed.headers.get("access-control-expose-headers")).toContain("X-Request-Id");
  });

  it("leaves the docs page free to load its scripts", async () => {
    const res = await makeApp().request("/docs");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toBeNull();
  });

  it("allows an origin on the list", async () => {
    const res = await makeApp().request("/v1/products", { headers: { Origin: ALLOWED } });
    expect(res.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(res.headers.get("vary")).toContain("Origin");
    expect(res.headers.get("access-control-expose-headers")).toContain("X-Request-Id");
  });

  it("gives an origin off the list no CORS grant", async () => {
    const res = await makeApp().request("/v1/products", { headers: { Origin: "https://evil.example" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers a preflight from an allowed origin", async () => {
    const res = await makeApp().request("/v1/checkout", {
      method: "OPTIONS",
      headers: { Origin: ALLOWED, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "idempotency-key" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    expect(res.headers.get("access-control-allow-headers")).toContain("Idempotency-Key");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { security } from "./security.js";

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

import { JoseTokenService } from "@emporium/adapters";
import { describe, expect, it } from "vitest";
import { createApi } from "../app-factory.js";
import { captureLogs } from "../test-support/log-capture.js";
import { authenticate, currentAuth, requireAuth, requirePermission, requireRole } from "./auth.js";

const SECRET = "test-secret-with-at-least-32-bytes!";
const tokens = new JoseTokenService({ secret: SECRET, issuer: "emporium", audience: "emporium-api" });

const makeApp = () => {
  const app = createApi({ logger: captureLogs().logger });
  app.use(authenticate({ tokens }));
  app.get("/public", (c) => c.json({ auth: c.get("auth") ?? null }));
  app.get("/me", requireAuth(), (c) => c.json(currentAuth(c)));
  app.get("/admin", requireRole("admin"), (c) => c.json({ ok: true }));
  app.get("/reports", requirePermission("reports:read"), (c) => c.json({ ok: true }));
  app.get("/unguarded", (c) => c.json(currentAuth(c)));
  return app;
};

const bearer = async (sub: string, role: "customer" | "admin", service = tokens) => ({
  Authorization: `Bearer ${(await service.issueAccessToken({ sub, role })).token}`,
});

describe("authenticate", () => {
  it("leaves a caller without Authorization anonymous", async () => {
    const res = await makeApp().request("/public");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ auth: null });
  });

  it("sets c.var.auth from a valid access token", async () => {
    const res = await makeApp().request("/public", { headers: await bearer("cus_1", "customer") });
    expect(await res.json()).toEqual({ auth: { customerId: "cus_1", role: "customer" } });
  });

  it("refuses an Authorization header that is not a bearer token", async () => {
    const res = await makeApp().request("/public", { headers: { Authorization: "Basic dXNlcjpwYXNz" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="emporium", error="invalid_request"');
    expect(await res.json()).toMatchObject({ code: "auth.unauthenticated" });
  });

  it("refuses a forged token", async () => {
    const forger = new JoseTokenService({ secret: "another-secret-with-32-bytes-or-more", issuer: "emporium", audience: "emporium-api" });
    const res = await makeApp().request("/public", { headers: await bearer("cus_1", "admin", forger) });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="emporium", error="invalid_token"');
  });

  it("refuses an expired token", async () => {
    const past = new JoseTokenService({
      secret: SECRET,
      issuer: "emporium",
      audience: "emporium-api",
      accessTokenTtlSeconds: 60,
      now: () => new Date("2020-01-01T00:00:00Z"),
    });
    const res = await makeApp().request("/public", { headers: await bearer("cus_1", "customer", past) });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "auth.unauthenticated", detail: "The access token is invalid or expired." });
  });
});

describe("requireAuth", () => {
  it("answers 401 with a challenge without a token", async () => {
    const res = await makeApp().request("/me");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="emporium"');
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("lets an authenticated caller through", async () => {
    const res = await makeApp().request("/me", { headers: await bearer("cus_7", "customer") });
    expect(await res.json()).toEqual({ customerId: "cus_7", role: "customer" });
  });
});

describe("requireRole and requirePermission", () => {
  it.each(["/admin", "/reports"])("%s is 401 without a token, 403 for a customer, 200 for an admin", async (path) => {
    const app = makeApp();
    expect((await app.request(path)).status).toBe(401);
    const asCustomer = await app.request(path, { headers: await bearer("cus_1", "customer") });
    expect(asCustomer.status).toBe(403);
    expect(await asCustomer.json()).toMatchObject({ code: "auth.forbidden" });
    expect((await app.request(path, { headers: await bearer("adm_1", "admin") })).status).toBe(200);
  });

  it("lets an admin through a customer route", async () => {
    const app = createApi({ logger: captureLogs().logger });
    app.use(authenticate({ tokens }));
    app.get("/cart", requireRole("customer"), (c) => c.json({ ok: true }));
    expect((await app.request("/cart", { headers: await bearer("adm_1", "admin") })).status).toBe(200);
  });
});

describe("currentAuth", () => {
  it("fails loudly (500) on a route that forgot its guard", async () => {
    const res = await makeApp().request("/unguarded");
    expect(res.status).toBe(500);
  });
});

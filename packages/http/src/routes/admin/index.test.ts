import { Tokens } from "@emporium/adapters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test-support/test-app.js";

let t: TestApp;
let customerToken: string;
let adminRoutes: { method: string; path: string }[];

beforeAll(async () => {
  t = await createTestApp();
  customerToken = (await t.registerCustomer()).accessToken;
  const doc = await t.json<{ paths: Record<string, Record<string, unknown>> }>("GET", "/openapi.json");
  adminRoutes = Object.entries(doc.body.paths)
    .filter(([path]) => path.startsWith("/v1/admin/"))
    .flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, "x") })),
    );
});
afterAll(() => t.close());

describe("the /v1/admin guard", () => {
  it("covers every admin route of the API document", () => {
    expect(adminRoutes.length).toBeGreaterThanOrEqual(21);
    expect(adminRoutes).toContainEqual({ method: "POST", path: "/v1/admin/orders/x/refund" });
    expect(adminRoutes).toContainEqual({ method: "GET", path: "/v1/admin/mailbox" });
  });

  it("answers 401 to every admin route without a token", async () => {
    for (const { method, path } of adminRoutes) {
      const res = await t.json(method, path, method === "GET" ? {} : { body: {} });
      expect({ method, path, status: res.status, code: res.body.code }).toEqual({
        method,
        path,
        status: 401,
        code: "auth.unauthenticated",
      });
      expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    }
  });

  it("answers 403 to every admin route for a customer", async () => {
    for (const { method, path } of adminRoutes) {
      const res = await t.json(method, path, { token: customerToken, ...(method === "GET" ? {} : { body: {} }) });
      expect({ method, path, status: res.status, code: res.body.code }).toEqual({ method, path, status: 403, code: "auth.forbidden" });
    }
  });

  it("refuses a customer before the body is even read: nothing is created", async () => {
    const body = { name: "Sneaky Product", variants: [{ sku: "SNEAKY-1", price: { amount: 100, currency: "USD" } }] };
    const res = await t.json("POST", "/v1/admin/products", { token: customerToken, body });
    expect(res.status).toBe(403);
    expect(await t.container.get(Tokens.Repositories).products.findBySlug("sneaky-product")).toBeNull();
  });

  it("guards unknown admin paths too, and lets an admin reach them as 404", async () => {
    expect((await t.json("GET", "/v1/admin/nothing-here")).status).toBe(401);
    expect((await t.json("GET", "/v1/admin", { token: customerToken })).status).toBe(403);
    const res = await t.json("GET", "/v1/admin/nothing-here", { token: await t.adminToken() });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("route.not_found");
  });

  it("declares 401 and 403 on every admin operation", async () => {
    const doc = await t.json<{ paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown }>> }>(
      "GET",
      "/openapi.json",
    );
    for (const [path, operations] of Object.entries(doc.body.paths).filter(([p]) => p.startsWith("/v1/admin/"))) {
      for (const [method, operation] of Object.entries(operations)) {
        expect({ path, method, statuses: Object.keys(operation.responses) }).toMatchObject({
          statuses: expect.arrayContaining(["401", "403"]),
        });
        expect(operation.security).toEqual([{ bearerAuth: [] }]);
      }
    }
  });
});

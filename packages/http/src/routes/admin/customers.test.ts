import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test-support/test-app.js";

let t: TestApp;
let token: string;
let adminId: string;
beforeAll(async () => {
  t = await createTestApp();
  token = await t.adminToken();
  adminId = (await t.json("GET", "/v1/me", { token })).body.id;
});
afterAll(() => t.close());

const admin = (method: string, path: string, body?: unknown) => t.json(method, `/v1/admin${path}`, { token, body });
const fieldPaths = (body: { errors: { path: string }[] }) => body.errors.map((error) => error.path);

describe("GET /v1/admin/customers", () => {
  it("lists the accounts without password hashes", async () => {
    const { customer } = await t.registerCustomer("listed@example.com", "Listed Customer");
    const res = await admin("GET", "/customers?limit=100");
    expect(res.status).toBe(200);
    expect(res.body.items).toContainEqual(
      expect.objectContaining({ id: customer.id, email: "listed@example.com", role: "customer", disabled: false }),
    );
    expect(res.body.items).toContainEqual(expect.objectContaining({ id: adminId, role: "admin" }));
    const raw = JSON.stringify(res.body);
    expect(raw).not.toMatch(/passwordHash|\$argon2|\$scrypt/);
  });

  it("pages, and refuses a bad cursor (400) and a huge page (422)", async () => {
    await t.registerCustomer();
    const first = await admin("GET", "/customers?limit=1");
    expect(first.body.items).toHaveLength(1);
    const second = await admin("GET", `/customers?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect((await admin("GET", "/customers?cursor=bm90LWEtY3Vyc29y")).status).toBe(400);
    expect((await admin("GET", "/customers?limit=101")).status).toBe(422);
  });
});

describe("PATCH /v1/admin/customers/{id}", () => {
  it("promotes a customer to admin", async () => {
    const { customer } = await t.registerCustomer();
    const res = await admin("PATCH", `/customers/${customer.id}`, { role: "admin" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: customer.id, role: "admin", disabled: false });
    expect(res.body).not.toHaveProperty("passwordHash");
  });

  it("disables an account, which revokes its refresh tokens", async () => {
    const { customer, refreshToken } = await t.registerCustomer();
    const res = await admin("PATCH", `/customers/${customer.id}`, { disabled: true });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    const refreshed = await t.json("POST", "/v1/auth/refresh", { body: { refreshToken } });
    expect(refreshed.status).toBe(401);
  });

  it("refuses to let an admin demote or disable themselves (422)", async () => {
    const res = await admin("PATCH", `/customers/${adminId}`, { role: "customer" });
    expect(res.status).toBe(422);
    expect(fieldPaths(res.body)).toEqual(["role"]);
    expect((await t.json("GET", "/v1/me", { token })).body.role).toBe("admin");
  });

  it("refuses fields an admin may not set (422) and an unknown customer (404)", async () => {
    const { customer, accessToken } = await t.registerCustomer();
    const unknown = await admin("PATCH", `/customers/${customer.id}`, { email: "taken-over@example.com", passwordHash: "x" });
    expect(unknown.status).toBe(422);
    expect(fieldPaths(unknown.body).sort()).toEqual(["email", "passwordHash"]);
    expect((await t.json("GET", "/v1/me", { token: accessToken })).body.email).toBe(customer.email);
    const missing = await admin("PATCH", "/customers/no-such-customer", { disabled: true });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe("customer.not_found");
  });
});

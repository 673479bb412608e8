import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test-support/test-app.js";

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await createTestApp();
  token = await t.adminToken();
});
afterAll(() => t.close());

const admin = (method: string, path: string, body?: unknown) => t.json(method, `/v1/admin${path}`, { token, body });
const fieldPaths = (body: { errors: { path: string }[] }) => body.errors.map((error) => error.path);

describe("POST /v1/admin/promotions", () => {
  it("creates a coupon that a customer can then apply", async () => {
    const res = await admin("POST", "/promotions", {
      code: "spring15",
      kind: "percent_off",
      value: 1500,
      minSubtotal: 1000,
      startsAt: "2020-01-01T00:00:00Z",
      endsAt: "2099-01-01T00:00:00.000+00:00",
      usageLimit: 100,
      perCustomerLimit: 1,
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      code: "SPRING15",
      kind: "percent_off",
      value: 1500,
      minSubtotal: 1000,
      startsAt: "2020-01-01T00:00:00.000Z",
      endsAt: "2099-01-01T00:00:00.000Z",
      usageLimit: 100,
      perCustomerLimit: 1,
      timesUsed: 0,
      active: true,
      createdAt: expect.any(String),
    });
    const { accessToken } = await t.registerCustomer();
    await t.json("POST", "/v1/cart/items", { token: accessToken, body: { sku: "LAMP-BRASS", quantity: 1 } });
    const applied = await t.json("POST", "/v1/cart/coupon", { token: accessToken, body: { code: "SPRING15" } });
    expect(applied.status).toBe(200);
    expect(applied.body.totals.discount).toEqual({ amount: 585, currency: "USD" });
  });

  it("refuses a code in use whatever its case, and values out of range (422)", async () => {
    const taken = await admin("POST", "/promotions", { code: "welcome10", kind: "percent_off", value: 500 });
    expect(taken.status).toBe(422);
    expect(fieldPaths(taken.body)).toEqual(["code"]);
    const percent = await admin("POST", "/promotions", { code: "TOOMUCH", kind: "percent_off", value: 20_000 });
    expect(fieldPaths(percent.body)).toEqual(["value"]);
    const window = await admin("POST", "/promotions", {
      code: "BACKWARDS",
      kind: "fixed_off",
      value: 500,
      startsAt: "2030-01-01T00:00:00Z",
      endsAt: "2029-01-01T00:00:00Z",
    });
    expect(fieldPaths(window.body)).toEqual(["endsAt"]);
  });

  it("refuses unknown fields, floats and bad dates (422)", async () => {
    const unknown = await admin("POST", "/promotions", { code: "RIGGED", kind: "fixed_off", value: 500, timesUsed: -100 });
    expect(unknown.status).toBe(422);
    expect(fieldPaths(unknown.body)).toEqual(["timesUsed"]);
    expect(fieldPaths((await admin("POST", "/promotions", { code: "FLOAT", kind: "fixed_off", value: 4.99 })).body)).toEqual(["value"]);
    expect(fieldPaths((await admin("POST", "/promotions", { code: "WHEN", kind: "free_shipping", startsAt: "tomorrow" })).body)).toEqual([
      "startsAt",
    ]);
    const list = await admin("GET", "/promotions?limit=100");
    expect(list.body.items.map((p: { code: string }) => p.code)).not.toContain("RIGGED");
  });
});

describe("GET /v1/admin/promotions", () => {
  it("lists the coupons with their usage, one page at a time", async () => {
    const res = await admin("GET", "/promotions?limit=100");
    expect(res.status).toBe(200);
    expect(res.body.items).toContainEqual(expect.objectContaining({ code: "WELCOME10", kind: "percent_off", value: 1000, timesUsed: 0 }));
    expect(res.body.items).toContainEqual(expect.objectContaining({ code: "FREESHIP", kind: "free_shipping" }));
    const first = await admin("GET", "/promotions?limit=1");
    expect(first.body.items).toHaveLength(1);
    const second = await admin("GET", `/promotions?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].code).not.toBe(first.body.items[0].code);
  });

  it("answers 400 for a bad cursor", async () => {
    const res = await admin("GET", "/promotions?cursor=bm90LWEtY3Vyc29y");
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("request.malformed");
  });
});

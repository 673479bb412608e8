import { createHmac } from "node:crypto";
import { Tokens } from "@emporium/adapters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_JWT_SECRET, type RegisteredCustomer, type TestApp } from "../test-support/test-app.js";

let t: TestApp;
let ada: RegisteredCustomer;
beforeAll(async () => {
  t = await createTestApp();
  ada = await t.registerCustomer("ada@example.com", "Ada Lovelace");
});
afterAll(() => t.close());

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A JWT built by hand, so each test can get one detail wrong. */
function jwt(
  payload: Record<string, unknown>,
  { alg = "HS256", secret = TEST_JWT_SECRET }: { alg?: string; secret?: string } = {},
): string {
  const unsigned = `${base64url({ alg, typ: "JWT" })}.${base64url(payload)}`;
  const signature = alg === "none" ? "" : createHmac("sha256", secret).update(unsigned).digest("base64url");
  return `${unsigned}.${signature}`;
}

const claims = (overrides: Record<string, unknown> = {}) => {
  const { issuer, audience } = t.container.config.jwt;
  return { sub: ada.customer.id, role: "customer", iss: issuer, aud: audience, iat: nowSeconds(), exp: nowSeconds() + 600, ...overrides };
};

const address = { name: "Ada Lovelace", line1: "12 St James's Square", city: "London", postalCode: "SW1Y 4JH", country: "GB" };

describe("GET /v1/me", () => {
  it("returns the caller's account without its password hash", async () => {
    const res = await t.json("GET", "/v1/me", { token: ada.accessToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: ada.customer.id,
      email: "ada@example.com",
      name: "Ada Lovelace",
      role: "customer",
      addresses: [],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|argon2/);
  });

  it("needs an access token (401)", async () => {
    const res = await t.json("GET", "/v1/me");
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("auth.unauthenticated");
    expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
  });

  it("accepts a hand-made token that gets everything right (so the forgeries below fail for their flaw)", async () => {
    expect((await t.json("GET", "/v1/me", { token: jwt(claims()) })).status).toBe(200);
  });

  it.each([
    ["alg none", () => jwt(claims(), { alg: "none" })],
    ["signed with another key", () => jwt(claims(), { secret: "another-secret-that-is-long-enough-for-hs256!" })],
    ["expired", () => jwt(claims({ iat: nowSeconds() - 3600, exp: nowSeconds() - 60 }))],
    ["another issuer", () => jwt(claims({ iss: "someone-else" }))],
    ["another audience", () => jwt(claims({ aud: "another-api" }))],
    [
      "payload edited after signing",
      () => {
        const [header, , signature] = ada.accessToken.split(".");
        const payload = JSON.parse(Buffer.from(ada.accessToken.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
        return `${header}.${base64url({ ...payload, role: "admin" })}.${signature}`;
      },
    ],
    ["not a JWT at all", () => "garbage"],
  ])("refuses a token %s (401)", async (_flaw, forge) => {
    const res = await t.json("GET", "/v1/me", { token: forge() });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("auth.unauthenticated");
  });

  it("answers 404 customer.not_found for a valid token of an account that does not exist", async () => {
    const res = await t.json("GET", "/v1/me", { token: jwt(claims({ sub: "01NOSUCHCUSTOMER0000000000" })) });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("customer.not_found");
  });
});

describe("PATCH /v1/me", () => {
  it("changes name, phone and addresses", async () => {
    const { accessToken } = await t.registerCustomer();
    const res = await t.json("PATCH", "/v1/me", {
      token: accessToken,
      body: { name: "Grace Hopper", phone: "+1 555 0100", addresses: [address] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "Grace Hopper", phone: "+1 555 0100", addresses: [address] });
    const me = await t.json("GET", "/v1/me", { token: accessToken });
    expect(me.body).toMatchObject({ name: "Grace Hopper", phone: "+1 555 0100", addresses: [address] });
  });

  it("clears the phone with null", async () => {
    const { accessToken } = await t.registerCustomer();
    await t.json("PATCH", "/v1/me", { token: accessToken, body: { phone: "+1 555 0100" } });
    const res = await t.json("PATCH", "/v1/me", { token: accessToken, body: { phone: null } });
    expect(res.body.phone).toBeNull();
  });

  it("lists invalid values by field (422)", async () => {
    const { accessToken } = await t.registerCustomer();
    const res = await t.json("PATCH", "/v1/me", {
      token: accessToken,
      body: { name: " ", phone: "call me", addresses: [{ ...address, country: "gb" }] },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(["name", "phone", "addresses[0].country"]);
  });

  it.each([
    ["role", { role: "admin" }],
    ["email", { email: "mallory@example.com" }],
    ["disabled", { disabled: true }],
    ["passwordHash", { passwordHash: "$argon2id$forged" }],
    ["id", { id: "someone-else" }],
  ])("refuses %s (422) and changes nothing, not even the allowed fields", async (field, forbidden) => {
    const { accessToken, customer } = await t.registerCustomer();
    const before = await t.container.get(Tokens.Repositories).customers.findById(customer.id);
    const res = await t.json("PATCH", "/v1/me", { token: accessToken, body: { name: "Renamed", ...forbidden } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: field, message: expect.any(String) }]);
    expect(await t.container.get(Tokens.Repositories).customers.findById(customer.id)).toEqual(before);
  });

  it("refuses an unknown field inside an address (422)", async () => {
    const { accessToken } = await t.registerCustomer();
    const res = await t.json("PATCH", "/v1/me", { token: accessToken, body: { addresses: [{ ...address, verified: true }] } });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(["addresses.0.verified"]);
  });

  it("needs an access token (401)", async () => {
    expect((await t.json("PATCH", "/v1/me", { body: { name: "Nobody" } })).status).toBe(401);
  });

  it("answers 404 customer.not_found for a token of an account that does not exist", async () => {
    const res = await t.json("PATCH", "/v1/me", { token: jwt(claims({ sub: "01NOSUCHCUSTOMER0000000000" })), body: { name: "Ghost" } });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("customer.not_found");
  });
});

import { Tokens } from "@emporium/adapters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_PASSWORD, type TestApp } from "../test-support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let emails = 0;
const freshEmail = () => `auth-${++emails}@example.com`;

const register = (body: Record<string, unknown>) => t.json("POST", "/v1/auth/register", { body });
const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  t.json("POST", "/v1/auth/login", { body: { email, password }, headers });
const refresh = (refreshToken: string) => t.json("POST", "/v1/auth/refresh", { body: { refreshToken } });
const fieldPaths = (body: { errors: { path: string }[] }) => body.errors.map((error) => error.path);

/** The password reset mails sent to `email`, newest first. */
async function resetMails(email: string): Promise<{ token: string }[]> {
  await t.drain();
  const page = await t.container.get(Tokens.Mailbox).list({ limit: 100 });
  return page.items.filter((m) => m.to === email && m.template === "password_reset").map((m) => m.data as { token: string });
}

describe("POST /v1/auth/register", () => {
  it("creates a customer and logs it in", async () => {
    const res = await register({ email: "  Ada.Register@Example.com ", password: TEST_PASSWORD, name: "Ada" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ customer: { email: "ada.register@example.com", name: "Ada", role: "customer", disabled: false } });
    expect(res.body.customer).not.toHaveProperty("passwordHash");
    expect(typeof res.body.refreshToken).toBe("string");
    expect(res.body.expiresIn).toBeGreaterThan(0);
    const me = await t.json("GET", "/v1/me", { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(res.body.customer.id);
  });

  it("refuses an email already taken, whatever its case (409)", async () => {
    const email = freshEmail();
    expect((await register({ email, password: TEST_PASSWORD, name: "First" })).status).toBe(201);
    const res = await register({ email: email.toUpperCase(), password: TEST_PASSWORD, name: "Second" });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("customer.email_taken");
  });

  it("lists each invalid field (422)", async () => {
    const res = await register({ email: "not-an-email", password: "short", name: "Ada" });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("request.invalid");
    expect(fieldPaths(res.body)).toEqual(expect.arrayContaining(["email", "password"]));
  });

  it("refuses a role in the body and creates nothing (mass assignment)", async () => {
    const email = freshEmail();
    const res = await register({ email, password: TEST_PASSWORD, name: "Mallory", role: "admin" });
    expect(res.status).toBe(422);
    expect(fieldPaths(res.body)).toEqual(["role"]);
    expect(await t.container.get(Tokens.Repositories).customers.findByEmail(email)).toBeNull();
  });
});

describe("POST /v1/auth/login", () => {
  it("returns a session and the customer", async () => {
    const { email, customer } = await t.registerCustomer(freshEmail());
    const res = await login(email, TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ customer: { id: customer.id, email }, expiresIn: expect.any(Number) });
    expect((await t.json("GET", "/v1/me", { token: res.body.accessToken })).status).toBe(200);
  });

  it("answers a wrong password and an unknown email alike (401)", async () => {
    const { email } = await t.registerCustomer(freshEmail());
    const wrong = await login(email, "not the password");
    const unknown = await login("nobody@example.com", TEST_PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe("auth.unauthenticated");
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it("refuses a body without a password (422)", async () => {
    const res = await t.json("POST", "/v1/auth/login", { body: { email: "ada@example.com" } });
    expect(res.status).toBe(422);
    expect(fieldPaths(res.body)).toEqual(["password"]);
  });

  it("merges the guest cart named by X-Cart-Token into the customer's cart", async () => {
    const { email, accessToken } = await t.registerCustomer(freshEmail());
    await t.json("POST", "/v1/cart/items", { token: accessToken, body: { sku: "TEE-BLUE-M", quantity: 1 } });
    const guest = await t.json("POST", "/v1/cart/items", { body: { sku: "TEE-BLUE-M", quantity: 2 } });
    const cartToken = guest.headers.get("X-Cart-Token")!;
    await t.json("POST", "/v1/cart/items", { body: { sku: "LAMP-BRASS", quantity: 1 }, headers: { "X-Cart-Token": cartToken } });

    const res = await login(email, TEST_PASSWORD, { "X-Cart-Token": cartToken });
    expect(res.status).toBe(200);
    const cart = await t.json("GET", "/v1/cart", { token: res.body.accessToken });
    expect(cart.body.lines.map((line: { sku: string; quantity: number }) => [line.sku, line.quantity])).toEqual([
      ["TEE-BLUE-M", 3],
      ["LAMP-BRASS", 1],
    ]);
    const guestAfter = await t.json("GET", "/v1/cart", { headers: { "X-Cart-Token": cartToken } });
    expect(guestAfter.body).toMatchObject({ id: null, lines: [] });
  });

  it("logs in normally when the guest token matches no cart", async () => {
    const { email } = await t.registerCustomer(freshEmail());
    const res = await login(email, TEST_PASSWORD, { "X-Cart-Token": "no-such-cart" });
    expect(res.status).toBe(200);
    const cart = await t.json("GET", "/v1/cart", { token: res.body.accessToken });
    expect(cart.body.lines).toEqual([]);
  });
});

describe("POST /v1/auth/refresh", () => {
  it("rotates: the new refresh token works once, the old one no more", async () => {
    const { refreshToken } = await t.registerCustomer(freshEmail());
    const first = await refresh(refreshToken);
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(refreshToken);
    expect((await t.json("GET", "/v1/me", { token: first.body.accessToken })).status).toBe(200);
    const second = await refresh(first.body.refreshToken);
    expect(second.status).toBe(200);
  });

  it("revokes the whole family when an old refresh token is reused (401)", async () => {
    const { refreshToken: original } = await t.registerCustomer(freshEmail());
    const rotated = await refresh(original);
    expect(rotated.status).toBe(200);

    const replay = await refresh(original);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe("auth.unauthenticated");
    // The thief's replay also logs out whoever holds the rotated token.
    expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
  });

  it("refuses an unknown token (401) and an empty one (422)", async () => {
    expect((await refresh("never-issued")).status).toBe(401);
    expect((await refresh("")).status).toBe(422);
  });
});

describe("POST /v1/auth/logout", () => {
  it("ends the login of the refresh token", async () => {
    const { refreshToken } = await t.registerCustomer(freshEmail());
    const res = await t.json("POST", "/v1/auth/logout", { body: { refreshToken } });
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
    expect((await refresh(refreshToken)).status).toBe(401);
  });

  it("accepts an unknown token, so logging out twice is fine", async () => {
    expect((await t.json("POST", "/v1/auth/logout", { body: { refreshToken: "never-issued" } })).status).toBe(204);
  });

  it("refuses a body without a token (422)", async () => {
    expect((await t.json("POST", "/v1/auth/logout", { body: {} })).status).toBe(422);
  });
});

describe("password reset", () => {
  it("answers 202 for known and unknown emails, and mails only the known one", async () => {
    const { email } = await t.registerCustomer(freshEmail());
    const known = await t.json("POST", "/v1/auth/password-reset", { body: { email } });
    const unknown = await t.json("POST", "/v1/auth/password-reset", { body: { email: "ghost@example.com" } });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    expect(await resetMails(email)).toHaveLength(1);
    expect(await resetMails("ghost@example.com")).toHaveLength(0);
  });

  it("sets a new password with the mailed token, once, and ends every session", async () => {
    const { email, refreshToken } = await t.registerCustomer(freshEmail());
    await t.json("POST", "/v1/auth/password-reset", { body: { email } });
    const [mail] = await resetMails(email);
    const newPassword = "a brand new passphrase";

    const confirm = await t.json("POST", "/v1/auth/password-reset/confirm", { body: { token: mail!.token, newPassword } });
    expect(confirm.status).toBe(204);
    expect((await login(email, TEST_PASSWORD)).status).toBe(401);
    expect((await login(email, newPassword)).status).toBe(200);
    expect((await refresh(refreshToken)).status).toBe(401);

    const again = await t.json("POST", "/v1/auth/password-reset/confirm", {
      body: { token: mail!.token, newPassword: "yet another passphrase" },
    });
    expect(again.status).toBe(422);
    expect(fieldPaths(again.body)).toEqual(["token"]);
    expect((await login(email, newPassword)).status).toBe(200);
  });

  it("refuses a short new password (422) without using up the token", async () => {
    const { email } = await t.registerCustomer(freshEmail());
    await t.json("POST", "/v1/auth/password-reset", { body: { email } });
    const [mail] = await resetMails(email);
    const short = await t.json("POST", "/v1/auth/password-reset/confirm", { body: { token: mail!.token, newPassword: "short" } });
    expect(short.status).toBe(422);
    expect(fieldPaths(short.body)).toEqual(["newPassword"]);
    const good = await t.json("POST", "/v1/auth/password-reset/confirm", { body: { token: mail!.token, newPassword: "long enough now" } });
    expect(good.status).toBe(204);
  });

  it("refuses a token that was never issued (422)", async () => {
    const res = await t.json("POST", "/v1/auth/password-reset/confirm", { body: { token: "forged", newPassword: "long enough now" } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("request.invalid");
  });

  it("refuses a request without an email (422)", async () => {
    expect((await t.json("POST", "/v1/auth/password-reset", { body: {} })).status).toBe(422);
  });
});

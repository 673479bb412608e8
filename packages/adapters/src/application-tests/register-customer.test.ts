import { RegisterCustomer } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { CatalogShop, PASSWORD, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("RegisterCustomer", () => {
  let shop: CatalogShop;
  beforeEach(() => {
    shop = new CatalogShop();
  });
  const register = (input: Partial<Parameters<RegisterCustomer["execute"]>[0]> = {}) =>
    new RegisterCustomer(shop.deps).execute({ email: "Ada@Example.com ", password: PASSWORD, name: " Ada Lovelace ", ...input });

  it("creates a customer with a normalized email and a hashed password, and logs it in", async () => {
    const registered = unwrap(await register());

    expect(registered.customer).toMatchObject({
      email: "ada@example.com",
      name: "Ada Lovelace",
      role: "customer",
      disabled: false,
      phone: null,
      addresses: [],
    });
    expect(registered.customer).not.toHaveProperty("passwordHash");
    const stored = await shop.deps.repos.customers.findById(registered.customer.id);
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await shop.hasher.verify(stored?.passwordHash ?? "", PASSWORD)).toBe(true);

    expect(await shop.tokens.verifyAccessToken(registered.accessToken)).toEqual({ sub: registered.customer.id, role: "customer" });
    expect(registered.expiresIn).toBeGreaterThan(0);
    const refresh = await shop.deps.repos.authTokens.findRefreshTokenByHash(shop.tokens.hashToken(registered.refreshToken));
    expect(refresh).toMatchObject({ customerId: registered.customer.id, usedAt: null, revokedAt: null });
    expect(refresh?.expiresAt.toISOString()).toBe("2025-03-31T10:00:00.000Z");
  });

  it("announces customer.registered", async () => {
    const { customer } = unwrap(await register());
    const events = await shop.events("customer.registered");
    expect(events.map((e) => e.payload)).toEqual([{ customerId: customer.id, email: "ada@example.com", name: "Ada Lovelace" }]);
  });

  it("refuses an email that is taken in any letter case, writing nothing", async () => {
    unwrap(await register());
    const before = shop.persistence.state.outbox.length;
    const error = unwrapErr(await register({ email: "ADA@example.COM" }));
    expect(error.code).toBe("customer.email_taken");
    expect(shop.persistence.state.customers.size).toBe(1);
    expect(shop.persistence.state.outbox.length).toBe(before);
  });

  it("names every invalid field", async () => {
    const error = unwrapErr(await register({ email: "not-an-email", password: "short", name: "  " }));
    expect(error.code).toBe("request.invalid");
    if (error.code !== "request.invalid") return;
    expect(error.errors.map((e) => e.path)).toEqual(["email", "password", "name"]);
    expect(shop.persistence.state.customers.size).toBe(0);
  });
});

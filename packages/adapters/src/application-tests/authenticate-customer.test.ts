import { AuthenticateCustomer, UpdateCustomerAdmin } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, CatalogShop, PASSWORD, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("AuthenticateCustomer", () => {
  let shop: CatalogShop;
  let login: AuthenticateCustomer;
  beforeEach(async () => {
    shop = new CatalogShop();
    login = new AuthenticateCustomer(shop.deps);
    await shop.register("grace@example.com");
  });

  it("logs in with the right password, whatever the email's case, starting a new refresh family", async () => {
    const first = unwrap(await login.execute({ email: " GRACE@example.com", password: PASSWORD }));
    const second = unwrap(await login.execute({ email: "grace@example.com", password: PASSWORD }));

    expect(first.customer.email).toBe("grace@example.com");
    expect(first.customer).not.toHaveProperty("passwordHash");
    expect(await shop.tokens.verifyAccessToken(first.accessToken)).toEqual({ sub: first.customer.id, role: "customer" });
    const records = await Promise.all(
      [first, second].map((s) => shop.deps.repos.authTokens.findRefreshTokenByHash(shop.tokens.hashToken(s.refreshToken))),
    );
    expect(records[0]?.familyId).toBeDefined();
    expect(records[0]?.familyId).not.toBe(records[1]?.familyId);
  });

  it("refuses a wrong password, an unknown email and a disabled account with the same error", async () => {
    const wrongPassword = unwrapErr(await login.execute({ email: "grace@example.com", password: "wrong password" }));
    const unknownEmail = unwrapErr(await login.execute({ email: "nobody@example.com", password: PASSWORD }));

    const customer = await shop.deps.repos.customers.findByEmail("grace@example.com");
    unwrap(await new UpdateCustomerAdmin(shop.deps).execute({ actor: ADMIN, customerId: customer?.id ?? "", disabled: true }));
    const disabled = unwrapErr(await login.execute({ email: "grace@example.com", password: PASSWORD }));

    expect(wrongPassword).toEqual({ code: "auth.unauthenticated", message: "The email or password is wrong." });
    expect(unknownEmail).toEqual(wrongPassword);
    expect(disabled).toEqual(wrongPassword);
    expect(shop.persistence.state.refreshTokens.size).toBe(1);
  });

  it("verifies a real hash even for an unknown email, so timing does not reveal accounts", async () => {
    const verified: string[] = [];
    const counting = new AuthenticateCustomer({
      ...shop.deps,
      hasher: {
        hash: (password) => shop.hasher.hash(password),
        verify: (hash, password) => {
          verified.push(hash);
          return shop.hasher.verify(hash, password);
        },
      },
    });
    unwrapErr(await counting.execute({ email: "nobody@example.com", password: PASSWORD }));
    unwrapErr(await counting.execute({ email: "someone-else@example.com", password: PASSWORD }));
    expect(verified).toHaveLength(2);
    expect(verified[0]).toMatch(/^\$argon2id\$/);
    expect(verified[1]).toBe(verified[0]);
  });
});

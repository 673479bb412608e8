import { AuthenticateCustomer, ConfirmPasswordReset, RefreshSession, RequestPasswordReset, UpdateCustomerAdmin } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, CatalogShop, PASSWORD, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

const NEW_PASSWORD = "a brand new passphrase";

describe("ConfirmPasswordReset", () => {
  let shop: CatalogShop;
  let confirm: ConfirmPasswordReset;
  let refreshToken: string;
  let token: string;

  beforeEach(async () => {
    shop = new CatalogShop();
    confirm = new ConfirmPasswordReset(shop.deps);
    refreshToken = (await shop.register("marie@example.com")).refreshToken;
    unwrap(await new RequestPasswordReset(shop.deps).execute({ email: "marie@example.com" }));
    const [event] = await shop.events("password_reset.requested");
    token = String(event?.payload["token"]);
  });

  const login = (password: string) => new AuthenticateCustomer(shop.deps).execute({ email: "marie@example.com", password });

  it("sets the new password and signs out every session", async () => {
    expect(await confirm.execute({ token, newPassword: NEW_PASSWORD })).toEqual({ ok: true, value: undefined });

    unwrap(await login(NEW_PASSWORD));
    expect(unwrapErr(await login(PASSWORD)).code).toBe("auth.unauthenticated");
    expect(unwrapErr(await new RefreshSession(shop.deps).execute({ refreshToken })).code).toBe("auth.unauthenticated");
  });

  it("works once", async () => {
    unwrap(await confirm.execute({ token, newPassword: NEW_PASSWORD }));
    const error = unwrapErr(await confirm.execute({ token, newPassword: "yet another passphrase" }));
    expect(error).toMatchObject({ code: "request.invalid", errors: [{ path: "token" }] });
    unwrap(await login(NEW_PASSWORD));
  });

  it("refuses an expired token", async () => {
    shop.clock.advanceSeconds(shop.deps.settings.passwordResetTtlSeconds);
    expect(unwrapErr(await confirm.execute({ token, newPassword: NEW_PASSWORD }))).toMatchObject({
      code: "request.invalid",
      errors: [{ path: "token" }],
    });
    unwrap(await login(PASSWORD));
  });

  it("refuses an unknown token", async () => {
    expect(unwrapErr(await confirm.execute({ token: "forged", newPassword: NEW_PASSWORD }))).toMatchObject({ errors: [{ path: "token" }] });
  });

  it("refuses the token of an account disabled since the request", async () => {
    const customer = await shop.deps.repos.customers.findByEmail("marie@example.com");
    unwrap(await new UpdateCustomerAdmin(shop.deps).execute({ actor: ADMIN, customerId: customer?.id ?? "", disabled: true }));
    expect(unwrapErr(await confirm.execute({ token, newPassword: NEW_PASSWORD }))).toMatchObject({ errors: [{ path: "token" }] });
    expect((await shop.deps.repos.customers.findById(customer?.id ?? ""))?.passwordHash).toBe(customer?.passwordHash);
  });

  it("refuses a weak new password without using up the token", async () => {
    expect(unwrapErr(await confirm.execute({ token, newPassword: "short" }))).toMatchObject({
      code: "request.invalid",
      errors: [{ path: "newPassword" }],
    });
    unwrap(await confirm.execute({ token, newPassword: NEW_PASSWORD }));
  });
});

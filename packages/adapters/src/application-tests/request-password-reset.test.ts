import { RequestPasswordReset, UpdateCustomerAdmin } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, CatalogShop, unwrap } from "./test-support/auth-catalog-fixtures.js";

describe("RequestPasswordReset", () => {
  let shop: CatalogShop;
  let request: RequestPasswordReset;
  beforeEach(() => {
    shop = new CatalogShop();
    request = new RequestPasswordReset(shop.deps);
  });

  it("stores a hashed single-use token and hands the token to the mailer through the outbox", async () => {
    const { customer } = await shop.register("rosalind@example.com");
    expect(await request.execute({ email: "Rosalind@Example.com" })).toEqual({ ok: true, value: undefined });

    const [event] = await shop.events("password_reset.requested");
    expect(event?.payload).toMatchObject({ customerId: customer.id, email: "rosalind@example.com" });
    const token = String(event?.payload["token"]);
    const stored = await shop.deps.repos.authTokens.findPasswordResetByHash(shop.tokens.hashToken(token));
    expect(stored).toMatchObject({ customerId: customer.id, usedAt: null });
    expect(stored?.expiresAt.toISOString()).toBe("2025-03-01T10:30:00.000Z");
    expect(stored?.tokenHash).not.toBe(token);
  });

  it("answers the same for an unknown email and writes nothing", async () => {
    expect(await request.execute({ email: "ghost@example.com" })).toEqual({ ok: true, value: undefined });
    expect(shop.persistence.state.passwordResets.size).toBe(0);
    expect(await shop.events("password_reset.requested")).toEqual([]);
  });

  it("answers the same for a disabled account and sends it nothing", async () => {
    const { customer } = await shop.register("disabled@example.com");
    unwrap(await new UpdateCustomerAdmin(shop.deps).execute({ actor: ADMIN, customerId: customer.id, disabled: true }));
    expect((await request.execute({ email: "disabled@example.com" })).ok).toBe(true);
    expect(await shop.events("password_reset.requested")).toEqual([]);
  });
});

import { RefreshSession, UpdateCustomerAdmin } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("RefreshSession", () => {
  let shop: CatalogShop;
  let refresh: RefreshSession;
  let customerId: string;
  let refreshToken: string;

  beforeEach(async () => {
    shop = new CatalogShop();
    refresh = new RefreshSession(shop.deps);
    const registered = await shop.register();
    customerId = registered.customer.id;
    refreshToken = registered.refreshToken;
  });

  const record = (token: string) => shop.deps.repos.authTokens.findRefreshTokenByHash(shop.tokens.hashToken(token));

  it("rotates: the old token is marked used and a new one of the same family is issued", async () => {
    const session = unwrap(await refresh.execute({ refreshToken }));

    expect(session.refreshToken).not.toBe(refreshToken);
    expect(await shop.tokens.verifyAccessToken(session.accessToken)).toEqual({ sub: customerId, role: "customer" });
    const old = await record(refreshToken);
    const rotated = await record(session.refreshToken);
    expect(old?.usedAt).toEqual(shop.clock.now());
    expect(rotated).toMatchObject({ familyId: old?.familyId, usedAt: null, revokedAt: null });
  });

  it("treats a reused token as theft: refuses it and revokes the whole family", async () => {
    const rotated = unwrap(await refresh.execute({ refreshToken }));
    const error = unwrapErr(await refresh.execute({ refreshToken }));

    expect(error.code).toBe("auth.unauthenticated");
    expect((await record(rotated.refreshToken))?.revokedAt).toEqual(shop.clock.now());
    expect(unwrapErr(await refresh.execute({ refreshToken: rotated.refreshToken })).code).toBe("auth.unauthenticated");
  });

  it("lets only one of two simultaneous refreshes with the same token win, and then revokes the family", async () => {
    const results = await Promise.all([refresh.execute({ refreshToken }), refresh.execute({ refreshToken })]);
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const winner = winners[0];
    if (winner === undefined || !winner.ok) return;
    expect((await record(winner.value.refreshToken))?.revokedAt).not.toBeNull();
  });

  it("refuses an expired token", async () => {
    shop.clock.advanceSeconds(shop.deps.settings.refreshTokenTtlSeconds);
    expect(unwrapErr(await refresh.execute({ refreshToken })).code).toBe("auth.unauthenticated");
  });

  it("refuses an unknown token", async () => {
    expect(unwrapErr(await refresh.execute({ refreshToken: "made-up" })).code).toBe("auth.unauthenticated");
  });

  it("refuses the tokens of a customer disabled meanwhile", async () => {
    unwrap(await new UpdateCustomerAdmin(shop.deps).execute({ actor: ADMIN, customerId, disabled: true }));
    expect(unwrapErr(await refresh.execute({ refreshToken })).code).toBe("auth.unauthenticated");
  });

  it("issues the access token with the customer's current role", async () => {
    unwrap(await new UpdateCustomerAdmin(shop.deps).execute({ actor: ADMIN, customerId, role: "admin" }));
    const session = unwrap(await refresh.execute({ refreshToken }));
    expect(await shop.tokens.verifyAccessToken(session.accessToken)).toEqual({ sub: customerId, role: "admin" });
  });
});

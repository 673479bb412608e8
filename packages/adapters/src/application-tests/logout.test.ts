import { AuthenticateCustomer, Logout, RefreshSession } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { CatalogShop, PASSWORD, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("Logout", () => {
  let shop: CatalogShop;
  beforeEach(() => {
    shop = new CatalogShop();
  });

  it("revokes the family of the token, so neither it nor its rotations refresh any more", async () => {
    const { refreshToken } = await shop.register("lin@example.com");
    const rotated = unwrap(await new RefreshSession(shop.deps).execute({ refreshToken }));
    const otherLogin = unwrap(await new AuthenticateCustomer(shop.deps).execute({ email: "lin@example.com", password: PASSWORD }));

    expect(await new Logout(shop.deps).execute({ refreshToken: rotated.refreshToken })).toEqual({ ok: true, value: undefined });

    expect(unwrapErr(await new RefreshSession(shop.deps).execute({ refreshToken: rotated.refreshToken })).code).toBe(
      "auth.unauthenticated",
    );
    // Another device's login is another family and stays signed in.
    unwrap(await new RefreshSession(shop.deps).execute({ refreshToken: otherLogin.refreshToken }));
  });

  it("accepts an unknown or already revoked token", async () => {
    const { refreshToken } = await shop.register();
    unwrap(await new Logout(shop.deps).execute({ refreshToken }));
    expect((await new Logout(shop.deps).execute({ refreshToken })).ok).toBe(true);
    expect((await new Logout(shop.deps).execute({ refreshToken: "unknown" })).ok).toBe(true);
  });
});

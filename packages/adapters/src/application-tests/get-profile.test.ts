import { GetProfile } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("GetProfile", () => {
  it("returns the customer's own account without the password hash", async () => {
    const shop = new CatalogShop();
    const { customer } = await shop.register("ada@example.com", "Ada");
    const profile = unwrap(await new GetProfile(shop.deps).execute({ customerId: customer.id }));
    expect(profile).toEqual(customer);
    expect(profile).not.toHaveProperty("passwordHash");
  });

  it("reports customer.not_found for an unknown id", async () => {
    const shop = new CatalogShop();
    expect(unwrapErr(await new GetProfile(shop.deps).execute({ customerId: "nope" })).code).toBe("customer.not_found");
  });
});

import { UpdateProfile } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADDRESS, CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("UpdateProfile", () => {
  let shop: CatalogShop;
  let customerId: string;
  beforeEach(async () => {
    shop = new CatalogShop();
    customerId = (await shop.register("ada@example.com", "Ada")).customer.id;
  });
  const update = (input: Omit<Parameters<UpdateProfile["execute"]>[0], "customerId">) =>
    new UpdateProfile(shop.deps).execute({ customerId, ...input });

  it("changes only the fields given", async () => {
    shop.clock.advanceSeconds(60);
    const updated = unwrap(await update({ phone: "+44 20 7946 0000", addresses: [ADDRESS] }));
    expect(updated).toMatchObject({ name: "Ada", phone: "+44 20 7946 0000", addresses: [ADDRESS], email: "ada@example.com" });
    expect(updated.updatedAt.toISOString()).toBe("2025-03-01T10:01:00.000Z");

    const renamed = unwrap(await update({ name: " Ada King " }));
    expect(renamed).toMatchObject({ name: "Ada King", phone: "+44 20 7946 0000", addresses: [ADDRESS] });
    expect(await shop.deps.repos.customers.findById(customerId)).toMatchObject({ name: "Ada King" });
  });

  it("clears the phone with null", async () => {
    unwrap(await update({ phone: "0123 456" }));
    expect(unwrap(await update({ phone: null })).phone).toBeNull();
  });

  it("names each invalid field, addresses by index", async () => {
    const error = unwrapErr(await update({ name: "", phone: "call me", addresses: [ADDRESS, { ...ADDRESS, city: "", country: "gb" }] }));
    expect(error.code).toBe("request.invalid");
    if (error.code !== "request.invalid") return;
    expect(error.errors.map((e) => e.path)).toEqual(["name", "phone", "addresses[1].city", "addresses[1].country"]);
    expect(await shop.deps.repos.customers.findById(customerId)).toMatchObject({ name: "Ada", phone: null });
  });

  it("reports customer.not_found for an unknown id", async () => {
    expect(unwrapErr(await new UpdateProfile(shop.deps).execute({ customerId: "nope", name: "X" })).code).toBe("customer.not_found");
  });
});

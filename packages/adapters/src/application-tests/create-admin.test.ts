import { AuthenticateCustomer, CreateAdmin } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { CatalogShop, PASSWORD, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("CreateAdmin", () => {
  let shop: CatalogShop;
  let create: CreateAdmin;
  beforeEach(() => {
    shop = new CatalogShop();
    create = new CreateAdmin(shop.deps);
  });

  it("creates an admin who can log in, audited as the system", async () => {
    const result = unwrap(await create.execute({ email: "Root@Example.com", password: PASSWORD, name: "Root" }));
    expect(result).toMatchObject({ created: true, customer: { email: "root@example.com", role: "admin", disabled: false } });

    const login = unwrap(await new AuthenticateCustomer(shop.deps).execute({ email: "root@example.com", password: PASSWORD }));
    expect(await shop.tokens.verifyAccessToken(login.accessToken)).toMatchObject({ role: "admin" });
    expect(shop.audit()).toEqual([
      expect.objectContaining({ actor: "system", action: "customer.create_admin", entityId: result.customer.id }),
    ]);
  });

  it("promotes and re-enables an existing account, keeping its password", async () => {
    const { customer } = await shop.register("lead@example.com");
    const result = unwrap(await create.execute({ email: "lead@example.com", password: "another password", name: "Lead" }));

    expect(result).toMatchObject({ created: false, customer: { id: customer.id, role: "admin" } });
    unwrap(await new AuthenticateCustomer(shop.deps).execute({ email: "lead@example.com", password: PASSWORD }));
    expect(shop.audit().map((e) => e.action)).toEqual(["customer.promote"]);
  });

  it("names invalid fields", async () => {
    const error = unwrapErr(await create.execute({ email: "nope", password: "x", name: "" }));
    expect(error.errors.map((e) => e.path)).toEqual(["email", "password", "name"]);
  });
});

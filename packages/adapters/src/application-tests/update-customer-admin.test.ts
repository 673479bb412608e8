import { RefreshSession, UpdateCustomerAdmin } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, CUSTOMER_ACTOR, CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("UpdateCustomerAdmin", () => {
  let shop: CatalogShop;
  let update: UpdateCustomerAdmin;
  beforeEach(() => {
    shop = new CatalogShop();
    update = new UpdateCustomerAdmin(shop.deps);
  });

  it("promotes a customer and records who did it in the audit log", async () => {
    const { customer } = await shop.register();
    const updated = unwrap(await update.execute({ actor: ADMIN, customerId: customer.id, role: "admin", requestId: "req-7" }));

    expect(updated).toMatchObject({ role: "admin", disabled: false });
    expect(shop.audit()).toEqual([
      expect.objectContaining({
        actor: ADMIN.id,
        action: "customer.update",
        entityType: "customer",
        entityId: customer.id,
        before: { role: "customer", disabled: false },
        after: { role: "admin", disabled: false },
        requestId: "req-7",
      }),
    ]);
  });

  it("disabling revokes every refresh token of the customer", async () => {
    const { customer, refreshToken } = await shop.register();
    unwrap(await update.execute({ actor: ADMIN, customerId: customer.id, disabled: true }));
    expect(unwrapErr(await new RefreshSession(shop.deps).execute({ refreshToken })).code).toBe("auth.unauthenticated");
  });

  it("does not let an admin demote or disable themselves", async () => {
    const { customer } = await shop.register();
    unwrap(await update.execute({ actor: ADMIN, customerId: customer.id, role: "admin" }));
    const self = { id: customer.id, role: "admin" as const };

    expect(unwrapErr(await update.execute({ actor: self, customerId: customer.id, disabled: true }))).toMatchObject({
      code: "request.invalid",
      errors: [{ path: "disabled" }],
    });
    expect(unwrapErr(await update.execute({ actor: self, customerId: customer.id, role: "customer" }))).toMatchObject({
      errors: [{ path: "role" }],
    });
    expect(await shop.deps.repos.customers.findById(customer.id)).toMatchObject({ role: "admin", disabled: false });
  });

  it("reports customer.not_found for an unknown id and writes no audit entry", async () => {
    expect(unwrapErr(await update.execute({ actor: ADMIN, customerId: "nope", disabled: true })).code).toBe("customer.not_found");
    expect(shop.audit()).toEqual([]);
  });

  it("is forbidden to customers", async () => {
    const { customer } = await shop.register();
    expect(unwrapErr(await update.execute({ actor: CUSTOMER_ACTOR, customerId: customer.id, role: "admin" })).code).toBe("auth.forbidden");
  });
});

import { ListCustomers } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { ADMIN, CUSTOMER_ACTOR, CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("ListCustomers", () => {
  it("pages through every customer without password hashes", async () => {
    const shop = new CatalogShop();
    for (const name of ["a", "b", "c"]) await shop.register(`${name}@example.com`);
    const list = new ListCustomers(shop.deps);

    const first = unwrap(await list.execute({ actor: ADMIN, limit: 2 }));
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = unwrap(await list.execute({ actor: ADMIN, limit: 2, cursor: first.nextCursor }));
    expect(second).toMatchObject({ nextCursor: null });
    const emails = [...first.items, ...second.items].map((c) => c.email).sort();
    expect(emails).toEqual(["a@example.com", "b@example.com", "c@example.com"]);
    expect([...first.items, ...second.items].some((c) => "passwordHash" in c)).toBe(false);
  });

  it("is forbidden to customers", async () => {
    const shop = new CatalogShop();
    expect(unwrapErr(await new ListCustomers(shop.deps).execute({ actor: CUSTOMER_ACTOR })).code).toBe("auth.forbidden");
  });
});

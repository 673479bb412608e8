import { CreatePromotion, ListPromotions } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { ADMIN, CUSTOMER_ACTOR, CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("ListPromotions", () => {
  it("pages through every coupon", async () => {
    const shop = new CatalogShop();
    for (const code of ["AAA", "BBB", "CCC"])
      unwrap(await new CreatePromotion(shop.deps).execute({ actor: ADMIN, code, kind: "free_shipping" }));
    const list = new ListPromotions(shop.deps);

    const first = unwrap(await list.execute({ actor: ADMIN, limit: 2 }));
    const second = unwrap(await list.execute({ actor: ADMIN, limit: 2, cursor: first.nextCursor }));

    expect([...first.items, ...second.items].map((p) => p.code).sort()).toEqual(["AAA", "BBB", "CCC"]);
    expect(first.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
  });

  it("is forbidden to customers", async () => {
    expect(unwrapErr(await new ListPromotions(new CatalogShop().deps).execute({ actor: CUSTOMER_ACTOR })).code).toBe("auth.forbidden");
  });
});

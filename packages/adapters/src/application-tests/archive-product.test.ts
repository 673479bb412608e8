import { ArchiveProduct, GetProduct } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, CUSTOMER_ACTOR, CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("ArchiveProduct", () => {
  let shop: CatalogShop;
  let archive: ArchiveProduct;
  beforeEach(() => {
    shop = new CatalogShop();
    archive = new ArchiveProduct(shop.deps);
  });

  it("takes the product out of the store but keeps it for admins", async () => {
    const mug = await shop.product("mug", [{ sku: "MUG" }]);
    expect(unwrap(await archive.execute({ actor: ADMIN, productId: mug.id })).status).toBe("archived");

    expect(unwrapErr(await new GetProduct(shop.deps).execute({ slug: "mug" })).code).toBe("product.not_found");
    expect(unwrap(await new GetProduct(shop.deps).execute({ slug: "mug", includeHidden: true })).product.status).toBe("archived");
    expect(shop.audit().at(-1)).toMatchObject({ action: "product.archive", before: { status: "active" }, after: { status: "archived" } });
    expect((await shop.events("product.changed")).at(-1)?.payload).toMatchObject({ productId: mug.id, status: "archived" });
  });

  it("archiving twice writes nothing the second time", async () => {
    const mug = await shop.product("mug", [{ sku: "MUG" }]);
    unwrap(await archive.execute({ actor: ADMIN, productId: mug.id }));
    const before = shop.footprint();
    unwrap(await archive.execute({ actor: ADMIN, productId: mug.id }));
    expect(shop.footprint()).toEqual(before);
  });

  it("reports product.not_found and auth.forbidden", async () => {
    expect(unwrapErr(await archive.execute({ actor: ADMIN, productId: "nope" })).code).toBe("product.not_found");
    const mug = await shop.product("mug", [{ sku: "MUG" }]);
    expect(unwrapErr(await archive.execute({ actor: CUSTOMER_ACTOR, productId: mug.id })).code).toBe("auth.forbidden");
  });
});

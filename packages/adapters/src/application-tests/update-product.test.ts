import { UpdateProduct } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, CUSTOMER_ACTOR, CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("UpdateProduct", () => {
  let shop: CatalogShop;
  let update: UpdateProduct;
  beforeEach(() => {
    shop = new CatalogShop();
    update = new UpdateProduct(shop.deps);
  });

  it("changes the given fields, keeps the rest, and records before and after", async () => {
    const product = await shop.product("mug", [{ sku: "MUG" }], { description: "Holds tea", brand: "Acme" });
    const other = await shop.product("saucer", [{ sku: "SAUCER" }]);
    shop.clock.advanceSeconds(30);

    const updated = unwrap(
      await update.execute({
        actor: ADMIN,
        productId: product.id,
        name: "Big Mug",
        brand: null,
        featured: true,
        relatedProductIds: [other.id],
      }),
    );

    expect(updated).toMatchObject({
      slug: "mug",
      name: "Big Mug",
      description: "Holds tea",
      brand: null,
      featured: true,
      relatedProductIds: [other.id],
    });
    expect(updated.updatedAt.toISOString()).toBe("2025-03-01T10:00:30.000Z");
    expect(await shop.productBySlug("mug")).toEqual(updated);
    expect(shop.audit().at(-1)).toMatchObject({ action: "product.update", before: product, after: updated });
    expect((await shop.events("product.changed")).at(-1)?.payload).toEqual({ productId: product.id, slug: "mug", status: "active" });
  });

  it("refuses a slug taken by another product", async () => {
    const mug = await shop.product("mug", [{ sku: "MUG" }]);
    await shop.product("cup", [{ sku: "CUP" }]);
    expect(unwrapErr(await update.execute({ actor: ADMIN, productId: mug.id, slug: "cup" })).code).toBe("catalog.slug_taken");
  });

  it("refuses invalid fields and unknown references", async () => {
    const mug = await shop.product("mug", [{ sku: "MUG" }]);
    const error = unwrapErr(
      await update.execute({ actor: ADMIN, productId: mug.id, name: " ", relatedProductIds: [mug.id, "ghost"], categoryIds: ["nope"] }),
    );
    expect(error).toMatchObject({ code: "request.invalid" });
    if (error.code !== "request.invalid") return;
    expect(error.errors.map((e) => e.path)).toEqual(["name", "categoryIds[0]", "relatedProductIds[0]", "relatedProductIds[1]"]);
  });

  it("reports product.not_found and auth.forbidden", async () => {
    expect(unwrapErr(await update.execute({ actor: ADMIN, productId: "nope", name: "X" })).code).toBe("product.not_found");
    const mug = await shop.product("mug", [{ sku: "MUG" }]);
    expect(unwrapErr(await update.execute({ actor: CUSTOMER_ACTOR, productId: mug.id, name: "X" })).code).toBe("auth.forbidden");
  });
});

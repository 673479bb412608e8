import { GetProduct, UpdateVariant } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("GetProduct", () => {
  let shop: CatalogShop;
  let get: GetProduct;
  beforeEach(() => {
    shop = new CatalogShop();
    get = new GetProduct(shop.deps);
  });

  it("returns the product with variant availability, price range and categories", async () => {
    const apparel = await shop.category("Apparel");
    const tops = await shop.category("Tops", apparel.id);
    const tee = await shop.product(
      "tee",
      [
        { sku: "TEE-M", options: { size: "M" }, price: 1999, stock: 3 },
        { sku: "TEE-L", options: { size: "L" }, price: 2499, stock: 0 },
        { sku: "TEE-XL", options: { size: "XL" }, price: 2999 },
      ],
      { categoryIds: [tops.id, apparel.id] },
    );
    unwrap(await new UpdateVariant(shop.deps).execute({ actor: ADMIN, productId: tee.id, sku: "TEE-XL", status: "archived" }));
    await shop.deps.repos.inventory.applyDelta("TEE-M", { onHand: 0, reserved: 1 });

    const detail = unwrap(await get.execute({ slug: "tee" }));

    expect(detail.product.id).toBe(tee.id);
    expect(detail.variants.map((v) => [v.sku, v.available, v.inStock])).toEqual([
      ["TEE-M", 2, true],
      ["TEE-L", 0, false],
    ]);
    expect(detail.priceRange).toEqual({ min: 1999, max: 2499 });
    expect(detail.categories.map((c) => c.slug)).toEqual(["tops", "apparel"]);
  });

  it("shows archived variants to admins", async () => {
    const tee = await shop.product("tee", [
      { sku: "A", options: { s: "1" } },
      { sku: "B", options: { s: "2" } },
    ]);
    unwrap(await new UpdateVariant(shop.deps).execute({ actor: ADMIN, productId: tee.id, sku: "B", status: "archived" }));
    const detail = unwrap(await get.execute({ slug: "tee", includeHidden: true }));
    expect(detail.variants.map((v) => [v.sku, v.inStock])).toEqual([
      ["A", true],
      ["B", false],
    ]);
  });

  it("lists related products: curated first, then the primary category's, active and in stock only, at most 8", async () => {
    const mugs = await shop.category("Mugs");
    const curatedOut = await shop.product("curated-sold-out", [{ sku: "C-OUT", stock: 0 }]);
    const curated = await shop.product("curated", [{ sku: "C-IN" }]);
    await shop.product("draft-mug", [{ sku: "DRAFT" }], { categoryIds: [mugs.id], status: "draft" });
    for (let i = 1; i <= 9; i++) {
      shop.clock.advanceSeconds(1);
      await shop.product(`mug-${i}`, [{ sku: `MUG-${i}` }], { categoryIds: [mugs.id] });
    }
    const main = await shop.product("main-mug", [{ sku: "MAIN" }], {
      categoryIds: [mugs.id],
      relatedProductIds: [curatedOut.id, curated.id],
    });

    const { related } = unwrap(await get.execute({ slug: "main-mug" }));

    expect(related).toHaveLength(8);
    expect(related[0]).toMatchObject({ slug: "curated", inStock: true, priceRange: { min: 1000, max: 1000 } });
    expect(related.map((r) => r.slug)).not.toContain(main.slug);
    expect(related.map((r) => r.slug)).not.toContain("draft-mug");
    expect(related.map((r) => r.slug)).not.toContain("curated-sold-out");
    expect(related.slice(1).every((r) => r.slug.startsWith("mug-"))).toBe(true);
  });

  it("looks past a category's newest products when they are sold out", async () => {
    const mugs = await shop.category("Mugs");
    for (let i = 1; i <= 3; i++) {
      shop.clock.advanceSeconds(1);
      await shop.product(`old-mug-${i}`, [{ sku: `OLD-${i}` }], { categoryIds: [mugs.id] });
    }
    for (let i = 1; i <= 20; i++) {
      shop.clock.advanceSeconds(1);
      await shop.product(`sold-out-mug-${i}`, [{ sku: `OUT-${i}`, stock: 0 }], { categoryIds: [mugs.id] });
    }
    await shop.product("main-mug", [{ sku: "MAIN" }], { categoryIds: [mugs.id] });

    const { related } = unwrap(await get.execute({ slug: "main-mug" }));

    expect(related.map((r) => r.slug)).toEqual(["old-mug-3", "old-mug-2", "old-mug-1"]);
  });

  it("hides draft and archived products from the public", async () => {
    await shop.product("secret", [{ sku: "S" }], { status: "draft" });
    expect(unwrapErr(await get.execute({ slug: "secret" })).code).toBe("product.not_found");
    expect(unwrap(await get.execute({ slug: "secret", includeHidden: true })).product.status).toBe("draft");
  });

  it("reports product.not_found for an unknown slug", async () => {
    expect(unwrapErr(await get.execute({ slug: "nope" }))).toMatchObject({
      code: "product.not_found",
      message: "product nope was not found",
    });
  });
});

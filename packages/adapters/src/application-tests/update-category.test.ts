import { UpdateCategory } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, CUSTOMER_ACTOR, CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("UpdateCategory", () => {
  let shop: CatalogShop;
  let update: UpdateCategory;
  beforeEach(() => {
    shop = new CatalogShop();
    update = new UpdateCategory(shop.deps);
  });

  it("moving a category recomputes its path and every descendant's", async () => {
    const apparel = await shop.category("Apparel");
    const sale = await shop.category("Sale");
    const tops = await shop.category("Tops", apparel.id);
    const tees = await shop.category("Tees", tops.id);

    const moved = unwrap(await update.execute({ actor: ADMIN, categoryId: tops.id, parentId: sale.id }));

    expect(moved).toMatchObject({ parentId: sale.id, path: "sale/tops" });
    expect(await shop.deps.repos.categories.findById(tees.id)).toMatchObject({ path: "sale/tops/tees", parentId: tops.id });
    const root = unwrap(await update.execute({ actor: ADMIN, categoryId: tops.id, parentId: null, slug: "tops-all" }));
    expect(root.path).toBe("tops-all");
    expect(await shop.deps.repos.categories.findById(tees.id)).toMatchObject({ path: "tops-all/tees" });
    expect(shop.audit().filter((e) => e.action === "category.update")).toHaveLength(2);
  });

  it("announces product.changed naming the products under a renamed category", async () => {
    const apparel = await shop.category("Apparel");
    const tops = await shop.category("Tops", apparel.id);
    const tee = await shop.product("tee", [{ sku: "TEE" }], { categoryIds: [tops.id] });
    const before = (await shop.events("product.changed")).length;

    unwrap(await update.execute({ actor: ADMIN, categoryId: apparel.id, name: "Clothing" }));

    const events = (await shop.events("product.changed")).slice(before);
    expect(events.map((e) => e.payload)).toEqual([{ categoryId: apparel.id, productIds: [tee.id] }]);
  });

  it("writes no event when no product is filed under the category", async () => {
    const empty = await shop.category("Empty");
    unwrap(await update.execute({ actor: ADMIN, categoryId: empty.id, name: "Still Empty", position: 3 }));
    expect(await shop.events()).toEqual([]);
  });

  it("refuses to move a category under itself or a descendant", async () => {
    const apparel = await shop.category("Apparel");
    const tops = await shop.category("Tops", apparel.id);
    expect(unwrapErr(await update.execute({ actor: ADMIN, categoryId: apparel.id, parentId: tops.id }))).toMatchObject({
      code: "request.invalid",
      errors: [{ path: "parentId" }],
    });
    expect(unwrapErr(await update.execute({ actor: ADMIN, categoryId: apparel.id, parentId: apparel.id }))).toMatchObject({
      errors: [{ path: "parentId" }],
    });
    expect(unwrapErr(await update.execute({ actor: ADMIN, categoryId: apparel.id, parentId: "missing" }))).toMatchObject({
      errors: [{ path: "parentId" }],
    });
  });

  it("refuses a slug taken by another category", async () => {
    await shop.category("Apparel");
    const books = await shop.category("Books");
    expect(unwrapErr(await update.execute({ actor: ADMIN, categoryId: books.id, slug: "apparel" })).code).toBe("catalog.slug_taken");
  });

  it("reports category.not_found and auth.forbidden", async () => {
    expect(unwrapErr(await update.execute({ actor: ADMIN, categoryId: "nope", name: "X" })).code).toBe("category.not_found");
    const books = await shop.category("Books");
    expect(unwrapErr(await update.execute({ actor: CUSTOMER_ACTOR, categoryId: books.id, name: "X" })).code).toBe("auth.forbidden");
  });
});

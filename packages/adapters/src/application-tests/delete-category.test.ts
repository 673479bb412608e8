import { DeleteCategory } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, CUSTOMER_ACTOR, CatalogShop, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("DeleteCategory", () => {
  let shop: CatalogShop;
  let remove: DeleteCategory;
  beforeEach(() => {
    shop = new CatalogShop();
    remove = new DeleteCategory(shop.deps);
  });

  it("deletes a leaf; its products stay, unlinked, and are announced", async () => {
    const books = await shop.category("Books");
    const sale = await shop.category("Sale");
    const novel = await shop.product("novel", [{ sku: "NOVEL" }], { categoryIds: [sale.id, books.id] });

    expect(await remove.execute({ actor: ADMIN, categoryId: sale.id })).toEqual({ ok: true, value: undefined });

    expect(await shop.deps.repos.categories.findById(sale.id)).toBeNull();
    expect((await shop.productBySlug("novel")).categoryIds).toEqual([books.id]);
    const [event] = (await shop.events("product.changed")).slice(-1);
    expect(event?.payload).toEqual({ categoryId: sale.id, productIds: [novel.id] });
    expect(shop.audit().at(-1)).toMatchObject({ action: "category.delete", entityId: sale.id, before: sale, after: null });
  });

  it("refuses a category with subcategories", async () => {
    const apparel = await shop.category("Apparel");
    await shop.category("Tops", apparel.id);
    expect(unwrapErr(await remove.execute({ actor: ADMIN, categoryId: apparel.id }))).toMatchObject({
      code: "request.invalid",
      errors: [{ path: "categoryId" }],
    });
    expect(await shop.deps.repos.categories.findById(apparel.id)).not.toBeNull();
  });

  it("reports category.not_found and auth.forbidden", async () => {
    expect(unwrapErr(await remove.execute({ actor: ADMIN, categoryId: "nope" })).code).toBe("category.not_found");
    const books = await shop.category("Books");
    expect(unwrapErr(await remove.execute({ actor: CUSTOMER_ACTOR, categoryId: books.id })).code).toBe("auth.forbidden");
  });
});

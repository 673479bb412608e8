import { GetCategory } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("GetCategory", () => {
  it("returns the category with its subtree and its ancestors", async () => {
    const shop = new CatalogShop();
    const apparel = await shop.category("Apparel");
    const tops = await shop.category("Tops", apparel.id);
    const tees = await shop.category("T-Shirts", tops.id);
    await shop.category("Shirts", tops.id);

    const detail = unwrap(await new GetCategory(shop.deps).execute({ slug: "tops" }));

    expect(detail).toMatchObject({ id: tops.id, path: "apparel/tops", parentId: apparel.id });
    expect(detail.ancestors).toEqual([{ id: apparel.id, slug: "apparel", name: "Apparel", path: "apparel" }]);
    expect(detail.children.map((c) => c.slug)).toEqual(["shirts", "t-shirts"]);
    expect(detail.children.find((c) => c.id === tees.id)?.path).toBe("apparel/tops/t-shirts");
  });

  it("reports category.not_found for an unknown slug", async () => {
    expect(unwrapErr(await new GetCategory(new CatalogShop().deps).execute({ slug: "nope" })).code).toBe("category.not_found");
  });
});

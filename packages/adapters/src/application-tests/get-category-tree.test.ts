import { GetCategoryTree, type CategoryNode } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { CatalogShop, unwrap } from "./test-support/auth-catalog-fixtures.js";

describe("GetCategoryTree", () => {
  it("nests categories and orders siblings by position, then name", async () => {
    const shop = new CatalogShop();
    const apparel = await shop.category("Apparel", null, 1);
    await shop.category("Books", null, 0);
    await shop.category("Tops", apparel.id, 0);
    await shop.category("Bottoms", apparel.id, 0);
    await shop.category("Accessories", apparel.id, 5);

    const tree = unwrap(await new GetCategoryTree(shop.deps).execute());

    const shape = (nodes: readonly CategoryNode[]): unknown => nodes.map((n) => [n.path, shape(n.children)]);
    expect(shape(tree)).toEqual([
      ["books", []],
      [
        "apparel",
        [
          ["apparel/bottoms", []],
          ["apparel/tops", []],
          ["apparel/accessories", []],
        ],
      ],
    ]);
    expect(tree[1]).toMatchObject({ id: apparel.id, slug: "apparel", name: "Apparel" });
  });

  it("is empty for a shop without categories", async () => {
    expect(unwrap(await new GetCategoryTree(new CatalogShop().deps).execute())).toEqual([]);
  });
});

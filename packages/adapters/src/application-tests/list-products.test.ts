import { ListProducts } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("ListProducts", () => {
  let shop: CatalogShop;
  let list: ListProducts;
  beforeEach(async () => {
    shop = new CatalogShop();
    list = new ListProducts(shop.deps);
    const apparel = await shop.category("Apparel");
    const tops = await shop.category("Tops", apparel.id);
    const books = await shop.category("Books");
    await shop.product("tee", [{ sku: "TEE", price: 1500 }], { categoryIds: [tops.id], brand: "Acme", images: ["https://img/tee.jpg"] });
    await shop.product("jacket", [{ sku: "JACKET", price: 9000, stock: 0 }], { categoryIds: [apparel.id], brand: "Acme" });
    await shop.product("novel", [{ sku: "NOVEL", price: 1200 }], { categoryIds: [books.id], brand: "Pages" });
    await shop.product("hidden", [{ sku: "HIDDEN", price: 100 }], { categoryIds: [tops.id], status: "draft" });
  });

  const slugs = async (input: Parameters<ListProducts["execute"]>[0]) =>
    unwrap(await list.execute({ sort: "name", ...input })).items.map((p) => p.slug);

  it("lists active products as summaries", async () => {
    const page = unwrap(await list.execute({ sort: "price_asc" }));
    expect(page.items.map((p) => p.slug)).toEqual(["novel", "tee", "jacket"]);
    expect(page.items[1]).toEqual({
      id: expect.any(String),
      slug: "tee",
      name: "tee",
      brand: "Acme",
      status: "active",
      featured: false,
      image: "https://img/tee.jpg",
      priceRange: { min: 1500, max: 1500 },
      rating: { average: 0, count: 0 },
      inStock: true,
    });
    expect(page.nextCursor).toBeNull();
  });

  it("filters by category including its descendants, brand, price and stock", async () => {
    expect(await slugs({ categorySlug: "apparel" })).toEqual(["jacket", "tee"]);
    expect(await slugs({ categorySlug: "tops" })).toEqual(["tee"]);
    expect(await slugs({ brand: "Acme" })).toEqual(["jacket", "tee"]);
    expect(await slugs({ minPrice: 1300, maxPrice: 9000 })).toEqual(["jacket", "tee"]);
    expect(await slugs({ inStock: true })).toEqual(["novel", "tee"]);
    expect(await slugs({ inStock: false })).toEqual(["jacket"]);
  });

  it("pages with a cursor, also when the stock filter drops items", async () => {
    const first = unwrap(await list.execute({ sort: "name", limit: 1, inStock: true }));
    expect(first.items.map((p) => p.slug)).toEqual(["novel"]);
    const second = unwrap(await list.execute({ sort: "name", limit: 1, inStock: true, cursor: first.nextCursor }));
    expect(second).toEqual({ items: [expect.objectContaining({ slug: "tee" })], nextCursor: null });
  });

  it("shows hidden products to admins", async () => {
    expect(await slugs({ includeHidden: true })).toEqual(["hidden", "jacket", "novel", "tee"]);
    expect(await slugs({ includeHidden: true, status: "draft" })).toEqual(["hidden"]);
  });

  it("reports category.not_found for an unknown category slug", async () => {
    expect(unwrapErr(await list.execute({ categorySlug: "nope" })).code).toBe("category.not_found");
  });
});

import { ExportProducts, ImportProducts, type ProductRow } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { ADMIN, CatalogShop, unwrap } from "./test-support/auth-catalog-fixtures.js";

async function exportAll(shop: CatalogShop, pageSize?: number): Promise<ProductRow[]> {
  const rows: ProductRow[] = [];
  for await (const row of new ExportProducts(shop.deps).execute(pageSize === undefined ? {} : { pageSize })) rows.push(row);
  return rows;
}

describe("ExportProducts", () => {
  it("writes one row per variant with the product's fields, category paths as names and on-hand stock", async () => {
    const shop = new CatalogShop();
    const apparel = await shop.category("Apparel");
    const tops = await shop.category("Tops", apparel.id);
    await shop.product(
      "tee",
      [
        { sku: "TEE-M", options: { size: "M" }, price: 1999, stock: 7 },
        { sku: "TEE-L", options: { size: "L" }, price: 2199, stock: 0 },
      ],
      { name: "Tee", categoryIds: [tops.id], attributes: { material: "cotton" }, images: ["https://img/1.jpg"], brand: "Acme" },
    );

    const rows = await exportAll(shop);

    expect(rows).toEqual([
      {
        rowNumber: 1,
        sku: "TEE-M",
        product: "tee",
        name: "Tee",
        description: "",
        brand: "Acme",
        categoryPaths: [["Apparel", "Tops"]],
        price: 1999,
        stock: 7,
        options: { size: "M" },
        attributes: { material: "cotton" },
        status: "active",
        featured: false,
        images: ["https://img/1.jpg"],
        taxClass: "standard",
      },
      expect.objectContaining({ rowNumber: 2, sku: "TEE-L", stock: 0, options: { size: "L" } }),
    ]);
  });

  it("streams every product of every status across pages", async () => {
    const shop = new CatalogShop();
    for (const slug of ["a", "b", "c"])
      await shop.product(slug, [{ sku: slug.toUpperCase() }], { status: slug === "b" ? "archived" : "active" });
    expect((await exportAll(shop, 2)).map((r) => [r.rowNumber, r.sku, r.status])).toEqual([
      [1, "A", "active"],
      [2, "B", "archived"],
      [3, "C", "active"],
    ]);
  });

  it("round-trips into an empty shop", async () => {
    const source = new CatalogShop();
    const kids = await source.category("Kids");
    const tops = await source.category("Tops", kids.id);
    await source.product("tee", [{ sku: "TEE", price: 999, stock: 3, options: { size: "M" } }], { categoryIds: [tops.id], featured: true });
    const rows = await exportAll(source);

    const target = new CatalogShop();
    unwrap(await new ImportProducts(target.deps).execute({ actor: ADMIN, rows }));

    expect(await exportAll(target)).toEqual(rows);
  });
});

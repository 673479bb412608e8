import { ExportProducts, ImportProducts, type ProductRow } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, CUSTOMER_ACTOR, CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

const row = (rowNumber: number, fields: Partial<ProductRow> & Pick<ProductRow, "sku" | "product" | "name">): ProductRow => ({
  rowNumber,
  categoryPaths: [],
  price: 1999,
  options: {},
  attributes: {},
  images: [],
  ...fields,
});

const TEE_ROWS: ProductRow[] = [
  row(2, {
    sku: "TEE-M",
    product: "classic-tee",
    name: "Classic Tee",
    description: "Soft cotton",
    brand: "Acme",
    categoryPaths: [["Apparel", "Tops", "T-Shirts"], ["Sale"]],
    stock: 120,
    options: { size: "M", colour: "blue" },
    attributes: { material: "cotton" },
    featured: true,
    images: ["https://img.example/tee-1.jpg", "https://img.example/tee-2.jpg"],
  }),
  row(3, { sku: "TEE-L", product: "classic-tee", name: "Classic Tee", price: 2199, stock: 40, options: { size: "L", colour: "blue" } }),
  row(4, { sku: "MUG", product: "mug", name: "Mug", price: 1250, stock: 5, categoryPaths: [["Home", "Kitchen"]], taxClass: "reduced" }),
];

describe("ImportProducts", () => {
  let shop: CatalogShop;
  let importer: ImportProducts;
  beforeEach(() => {
    shop = new CatalogShop();
    importer = new ImportProducts(shop.deps);
  });
  const run = (rows: readonly ProductRow[]) => importer.execute({ actor: ADMIN, rows });

  it("creates products, variants, categories and stock from rows; the first row of a product sets its fields", async () => {
    const report = unwrap(await run(TEE_ROWS));

    expect(report.rows.map((r) => [r.rowNumber, r.sku, r.outcome])).toEqual([
      [2, "TEE-M", "created"],
      [3, "TEE-L", "created"],
      [4, "MUG", "created"],
    ]);
    expect(report.counts).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(report.categoriesCreated).toBe(6);

    const categories = await shop.deps.repos.categories.findAll();
    expect(categories.map((c) => c.path).sort()).toEqual([
      "apparel",
      "apparel/tops",
      "apparel/tops/t-shirts",
      "home",
      "home/kitchen",
      "sale",
    ]);
    const tee = await shop.productBySlug("classic-tee");
    const byPath = new Map(categories.map((c) => [c.path, c.id]));
    expect(tee).toMatchObject({
      name: "Classic Tee",
      description: "Soft cotton",
      brand: "Acme",
      status: "active",
      featured: true,
      taxClass: "standard",
      categoryIds: [byPath.get("apparel/tops/t-shirts"), byPath.get("sale")],
      attributes: { material: "cotton" },
      images: ["https://img.example/tee-1.jpg", "https://img.example/tee-2.jpg"],
    });
    expect(tee.variants.map((v) => [v.sku, v.price, v.options])).toEqual([
      ["TEE-M", 1999, { size: "M", colour: "blue" }],
      ["TEE-L", 2199, { size: "L", colour: "blue" }],
    ]);
    expect((await shop.productBySlug("mug")).taxClass).toBe("reduced");
    expect(await shop.level("TEE-M")).toMatchObject({ onHand: 120, reserved: 0 });
    expect(shop.persistence.state.movements.map((m) => [m.sku, m.delta, m.reason, m.note])).toEqual([
      ["TEE-M", 120, "import", "import row 2"],
      ["TEE-L", 40, "import", "import row 3"],
      ["MUG", 5, "import", "import row 4"],
    ]);
    expect((await shop.events("product.changed")).map((e) => e.payload["slug"])).toEqual(["classic-tee", "mug"]);
    expect(
      shop
        .audit()
        .map((e) => e.action)
        .sort(),
    ).toEqual([...Array(6).fill("category.create"), "product.import", "product.import"].sort());
  });

  it("reports everything unchanged on a second run and writes nothing", async () => {
    unwrap(await run(TEE_ROWS));
    const before = shop.footprint();
    const stateBefore = structuredClone(shop.persistence.state.products);

    const report = unwrap(await run(TEE_ROWS));

    expect(report.rows.map((r) => r.outcome)).toEqual(["unchanged", "unchanged", "unchanged"]);
    expect(report.categoriesCreated).toBe(0);
    expect(shop.footprint()).toEqual(before);
    expect(shop.persistence.state.products).toEqual(stateBefore);
  });

  it("updates what changed: a price, stock (with an import movement), product fields", async () => {
    unwrap(await run(TEE_ROWS));
    const movements = shop.persistence.state.movements.length;
    const changed = [{ ...TEE_ROWS[0]!, description: "Softer cotton" }, { ...TEE_ROWS[1]! }, { ...TEE_ROWS[2]!, stock: 8 }];
    const report = unwrap(await run(changed));

    expect(report.rows.map((r) => r.outcome)).toEqual(["updated", "updated", "updated"]);
    expect((await shop.productBySlug("classic-tee")).description).toBe("Softer cotton");
    expect(await shop.level("MUG")).toMatchObject({ onHand: 8 });
    expect(shop.persistence.state.movements.slice(movements).map((m) => [m.sku, m.delta, m.reason])).toEqual([["MUG", 3, "import"]]);

    const priceOnly = unwrap(await run([{ ...TEE_ROWS[2]!, stock: 8, price: 1300 }]));
    expect(priceOnly.rows[0]?.outcome).toBe("updated");
    expect((await shop.productBySlug("mug")).variants[0]?.price).toBe(1300);
  });

  it("adds a new variant to an existing product without touching the others", async () => {
    unwrap(await run(TEE_ROWS));
    const report = unwrap(
      await run([
        ...TEE_ROWS.slice(0, 2),
        row(5, { sku: "TEE-S", product: "classic-tee", name: "Classic Tee", options: { size: "S", colour: "blue" } }),
      ]),
    );
    expect(report.rows.map((r) => r.outcome)).toEqual(["unchanged", "unchanged", "created"]);
    expect((await shop.productBySlug("classic-tee")).variants.map((v) => v.sku)).toEqual(["TEE-M", "TEE-L", "TEE-S"]);
    expect(await shop.level("TEE-S")).toMatchObject({ onHand: 0 });
  });

  it("rejects a row whose name disagrees with the first row of its product, naming the field", async () => {
    const report = unwrap(await run([TEE_ROWS[0]!, { ...TEE_ROWS[1]!, name: "Classic T-Shirt" }]));
    expect(report.rows[0]?.outcome).toBe("created");
    expect(report.rows[1]?.outcome).toMatchObject({ field: "name", rejected: expect.stringContaining("Classic Tee") });
    expect((await shop.productBySlug("classic-tee")).variants.map((v) => v.sku)).toEqual(["TEE-M"]);
    expect(report.counts).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 1 });
  });

  it("rejects bad rows one by one and imports the rest", async () => {
    unwrap(await run([TEE_ROWS[2]!]));
    const report = unwrap(
      await run([
        row(10, { sku: "", product: "a", name: "A" }),
        row(11, { sku: "NEG", product: "a", name: "A", price: -1 }),
        row(12, { sku: "FRAC", product: "a", name: "A", stock: 1.5 }),
        row(13, { sku: "OK", product: "a", name: "A", options: { size: "M" } }),
        row(14, { sku: "OK", product: "a", name: "A", options: { size: "L" } }),
        row(15, { sku: "TWIN", product: "a", name: "A", options: { size: "M" } }),
        row(16, { sku: "MUG", product: "b", name: "B" }),
        row(17, { sku: "EMPTY-OPT", product: "a", name: "A", options: { colour: "" } }),
      ]),
    );
    expect(report.rows.map((r) => r.outcome)).toEqual([
      { field: "sku", rejected: "is required" },
      { field: "price", rejected: expect.any(String) },
      { field: "stock", rejected: expect.any(String) },
      "created",
      { field: "sku", rejected: "OK appears again; it was first given in row 13" },
      { field: "options", rejected: expect.stringContaining("OK") },
      { field: "product", rejected: expect.stringContaining("belongs to product mug") },
      { field: "option.colour", rejected: expect.any(String) },
    ]);
    expect(await shop.deps.repos.products.findBySlug("b")).toBeNull();
  });

  it("rejects every row of a product whose first row is unusable at the product level", async () => {
    const report = unwrap(
      await run([
        row(2, { sku: "X1", product: "x", name: "X", taxClass: "luxury" }),
        row(3, { sku: "X2", product: "x", name: "X" }),
        row(4, { sku: "Y1", product: "Not A Slug", name: "Y" }),
        row(5, { sku: "Z1", product: "z", name: "Z", categoryPaths: [["!!!"]] }),
        row(6, { sku: "W1", product: "w", name: "W", status: "gone" as never }),
      ]),
    );
    expect(report.rows.map((r) => (typeof r.outcome === "string" ? r.outcome : r.outcome.field))).toEqual([
      "tax_class",
      "tax_class",
      "product",
      "category",
      "status",
    ]);
    expect(shop.footprint()).toMatchObject({ products: 0, categories: 0, movements: 0, outbox: 0, audit: 0 });
  });

  it("refuses to set stock below what checkouts hold", async () => {
    unwrap(await run([TEE_ROWS[2]!]));
    await shop.deps.repos.inventory.applyDelta("MUG", { onHand: 0, reserved: 4 });
    const report = unwrap(await run([{ ...TEE_ROWS[2]!, stock: 3 }]));
    expect(report.rows[0]?.outcome).toMatchObject({ field: "stock", rejected: expect.stringContaining("reserved") });
    expect(await shop.level("MUG")).toMatchObject({ onHand: 5, reserved: 4 });
  });

  it("matches category paths by name level by level, and gives a new category a free slug", async () => {
    unwrap(await run([row(2, { sku: "A", product: "a", name: "A", categoryPaths: [["Apparel", "Tops"]] })]));
    unwrap(
      await run([
        row(2, {
          sku: "B",
          product: "b",
          name: "B",
          categoryPaths: [
            ["apparel", "TOPS"],
            ["Kids", "Tops"],
          ],
        }),
      ]),
    );

    const categories = await shop.deps.repos.categories.findAll();
    expect(categories.map((c) => [c.path, c.name]).sort()).toEqual([
      ["apparel", "Apparel"],
      ["apparel/tops", "Tops"],
      ["kids", "Kids"],
      ["kids/kids-tops", "Tops"],
    ]);
    const b = await shop.productBySlug("b");
    expect(b.categoryIds).toEqual([
      categories.find((c) => c.path === "apparel/tops")?.id,
      categories.find((c) => c.path === "kids/kids-tops")?.id,
    ]);
  });

  it("is the inverse of ExportProducts", async () => {
    unwrap(await run(TEE_ROWS));
    await shop.product("plain", [{ sku: "PLAIN", price: 500, stock: 2 }], { status: "draft", brand: null });
    const exported: ProductRow[] = [];
    for await (const exportedRow of new ExportProducts(shop.deps).execute({ pageSize: 1 })) exported.push(exportedRow);
    const before = shop.footprint();

    const report = unwrap(await run(exported));

    expect(exported.map((r) => r.sku).sort()).toEqual(["MUG", "PLAIN", "TEE-L", "TEE-M"]);
    expect(report.counts).toEqual({ created: 0, updated: 0, unchanged: 4, rejected: 0 });
    expect(shop.footprint()).toEqual(before);
  });

  it("is forbidden to customers", async () => {
    expect(unwrapErr(await importer.execute({ actor: CUSTOMER_ACTOR, rows: TEE_ROWS })).code).toBe("auth.forbidden");
  });
});

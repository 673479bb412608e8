import { CATALOG_CACHE_NAMESPACE, CreateProduct, type CreateProductInput } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, CUSTOMER_ACTOR, CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("CreateProduct", () => {
  let shop: CatalogShop;
  let create: CreateProduct;
  beforeEach(() => {
    shop = new CatalogShop();
    create = new CreateProduct(shop.deps);
  });

  const tee = (extra: Partial<CreateProductInput> = {}): CreateProductInput => ({
    actor: ADMIN,
    name: "Classic Tee",
    brand: "Acme",
    variants: [
      { sku: "TEE-M", options: { size: "M" }, price: 1999, stock: 12 },
      { sku: "TEE-L", options: { size: "L" }, price: 2199, lowStockThreshold: 1 },
    ],
    ...extra,
  });

  it("creates the product with defaults, stock levels, an initial-stock movement, an event and an audit entry", async () => {
    const tops = await shop.category("Tops");
    const version = await shop.cache.version(CATALOG_CACHE_NAMESPACE);
    const product = unwrap(await create.execute(tee({ categoryIds: [tops.id], requestId: "req-9" })));

    expect(product).toMatchObject({
      slug: "classic-tee",
      name: "Classic Tee",
      description: "",
      brand: "Acme",
      status: "active",
      featured: false,
      taxClass: "standard",
      categoryIds: [tops.id],
      rating: { average: 0, count: 0 },
    });
    expect(product.variants).toEqual([
      { sku: "TEE-M", options: { size: "M" }, price: 1999, status: "active", lowStockThreshold: 3 },
      { sku: "TEE-L", options: { size: "L" }, price: 2199, status: "active", lowStockThreshold: 1 },
    ]);
    expect(await shop.productBySlug("classic-tee")).toEqual(product);
    expect(await shop.level("TEE-M")).toEqual({ sku: "TEE-M", onHand: 12, reserved: 0, lowStockThreshold: 3 });
    expect(await shop.level("TEE-L")).toEqual({ sku: "TEE-L", onHand: 0, reserved: 0, lowStockThreshold: 1 });
    expect(shop.persistence.state.movements).toEqual([
      expect.objectContaining({ sku: "TEE-M", delta: 12, reason: "adjustment", actor: ADMIN.id, note: "initial stock" }),
    ]);
    expect((await shop.events("product.changed")).map((e) => e.payload)).toEqual([
      { productId: product.id, slug: "classic-tee", status: "active" },
    ]);
    expect(shop.audit().at(-1)).toMatchObject({
      action: "product.create",
      entityType: "product",
      entityId: product.id,
      before: null,
      after: product,
      requestId: "req-9",
    });
    expect(await shop.cache.version(CATALOG_CACHE_NAMESPACE)).toBe(version + 1);
  });

  it("refuses a taken slug", async () => {
    unwrap(await create.execute(tee()));
    expect(unwrapErr(await create.execute(tee({ variants: [{ sku: "OTHER", price: 100 }] }))).code).toBe("catalog.slug_taken");
  });

  it("refuses a SKU that belongs to another product, writing nothing", async () => {
    unwrap(await create.execute(tee()));
    const before = shop.footprint();
    const error = unwrapErr(await create.execute(tee({ slug: "tee-2", variants: [{ sku: "TEE-L", price: 100 }] })));
    expect(error).toMatchObject({ code: "catalog.sku_taken" });
    expect(error.message).toContain("TEE-L");
    expect(shop.footprint()).toEqual(before);
  });

  it("names every invalid field", async () => {
    const error = unwrapErr(
      await create.execute({
        actor: ADMIN,
        name: "Bad",
        slug: "Bad Slug",
        taxClass: "luxury",
        categoryIds: ["missing"],
        variants: [
          { sku: "A", price: -1, stock: 1.5 },
          { sku: "A", price: 100 },
        ],
      }),
    );
    expect(error.code).toBe("request.invalid");
    if (error.code !== "request.invalid") return;
    expect(error.errors.map((e) => e.path).sort()).toEqual(
      ["slug", "variants[0].price", "variants[1].sku", "taxClass", "variants[1].options", "categoryIds[0]", "variants[0].stock"].sort(),
    );
    expect(shop.persistence.state.products.size).toBe(0);
  });

  it("refuses starting stock below what checkouts still hold on a SKU's earlier stock level", async () => {
    await shop.deps.repos.inventory.ensure("REUSED", 3);
    await shop.deps.repos.inventory.applyDelta("REUSED", { onHand: 5, reserved: 4 });
    const error = unwrapErr(await create.execute(tee({ variants: [{ sku: "REUSED", price: 100, stock: 2 }] })));
    expect(error).toMatchObject({ code: "request.invalid", errors: [{ path: "variants[0].stock" }] });
    expect(shop.persistence.state.products.size).toBe(0);
  });

  it("requires at least one variant", async () => {
    expect(unwrapErr(await create.execute(tee({ variants: [] })))).toMatchObject({
      code: "request.invalid",
      errors: [{ path: "variants" }],
    });
  });

  it("is forbidden to customers", async () => {
    expect(unwrapErr(await create.execute(tee({ actor: CUSTOMER_ACTOR }))).code).toBe("auth.forbidden");
  });
});

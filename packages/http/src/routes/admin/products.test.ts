import { Tokens } from "@emporium/adapters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test-support/test-app.js";

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await createTestApp();
  token = await t.adminToken();
});
afterAll(() => t.close());

const usd = (amount: number) => ({ amount, currency: "USD" });
const fieldPaths = (body: { errors: { path: string }[] }) => body.errors.map((error) => error.path);
const admin = (method: string, path: string, body?: unknown) => t.json(method, `/v1/admin${path}`, { token, body });

let created = 0;
/** A new product through the API; SKUs and slugs are unique per call. */
async function createProduct(extra: Record<string, unknown> = {}) {
  const n = ++created;
  const res = await admin("POST", "/products", {
    name: `Canvas Tote ${n}`,
    brand: "Acme",
    description: "A sturdy bag.",
    attributes: { material: "canvas" },
    variants: [
      { sku: `TOTE-${n}-NAT`, options: { colour: "natural" }, price: usd(1500), stock: 7 },
      { sku: `TOTE-${n}-BLK`, options: { colour: "black" }, price: usd(1700) },
    ],
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body;
}

const seededId = async (slug: string) => (await t.container.get(Tokens.Repositories).products.findBySlug(slug))!.id;

describe("POST /v1/admin/products", () => {
  it("creates a product with its variants and starting stock", async () => {
    const product = await createProduct({ status: "draft", featured: true });
    expect(product).toMatchObject({
      slug: "canvas-tote-1",
      name: "Canvas Tote 1",
      status: "draft",
      featured: true,
      taxClass: "standard",
      price: { min: usd(1500), max: usd(1700) },
      attributes: { material: "canvas" },
    });
    expect(product.variants).toEqual([
      {
        sku: "TOTE-1-NAT",
        options: { colour: "natural" },
        price: usd(1500),
        available: 7,
        inStock: true,
        status: "active",
        lowStockThreshold: 5,
      },
      {
        sku: "TOTE-1-BLK",
        options: { colour: "black" },
        price: usd(1700),
        available: 0,
        inStock: false,
        status: "active",
        lowStockThreshold: 5,
      },
    ]);
    expect(Date.parse(product.createdAt)).not.toBeNaN();
    const read = await admin("GET", `/products/${product.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(product);
  });

  it("files the product under existing categories, the first being primary", async () => {
    const tree = await t.container.get(Tokens.Repositories).categories.findAll();
    const shirts = tree.find((c) => c.slug === "shirts")!;
    const product = await createProduct({ categoryIds: [shirts.id] });
    expect(product.categories).toEqual([{ id: shirts.id, slug: "shirts", name: shirts.name, path: shirts.path }]);
  });

  it("refuses unknown fields and creates nothing (mass assignment)", async () => {
    const res = await admin("POST", "/products", {
      name: "Rigged Rating",
      rating: { average: 5, count: 1000 },
      variants: [{ sku: "RIGGED-1", price: usd(100), reserved: 3 }],
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("request.invalid");
    expect(fieldPaths(res.body).sort()).toEqual(["rating", "variants.0.reserved"]);
    expect(await t.container.get(Tokens.Repositories).products.findBySlug("rigged-rating")).toBeNull();
  });

  it("takes prices as money in the store currency only (422)", async () => {
    const inEuros = await admin("POST", "/products", {
      name: "Euro Tote",
      variants: [{ sku: "EURO-1", price: { amount: 100, currency: "EUR" } }],
    });
    expect(inEuros.status).toBe(422);
    expect(fieldPaths(inEuros.body)).toEqual(["variants.0.price.currency"]);
    const bare = await admin("POST", "/products", { name: "Bare Tote", variants: [{ sku: "BARE-1", price: 1999 }] });
    expect(bare.status).toBe(422);
    expect(fieldPaths(bare.body)).toEqual(["variants.0.price"]);
    const fractional = await admin("POST", "/products", { name: "Half Tote", variants: [{ sku: "HALF-1", price: usd(19.99) }] });
    expect(fractional.status).toBe(422);
    expect(fieldPaths(fractional.body)).toEqual(["variants.0.price.amount"]);
  });

  it("reports the domain's rules as field errors (422)", async () => {
    const res = await admin("POST", "/products", {
      name: "Lost Tote",
      categoryIds: ["no-such-category"],
      taxClass: "luxury",
      variants: [{ sku: "LOST-1", price: usd(100) }],
    });
    expect(res.status).toBe(422);
    expect(fieldPaths(res.body)).toEqual(expect.arrayContaining(["categoryIds[0]", "taxClass"]));
    expect((await admin("POST", "/products", { name: "Empty", variants: [] })).status).toBe(422);
  });

  it("refuses a slug or a SKU already in the catalogue (409)", async () => {
    const slug = await admin("POST", "/products", { name: "Classic Tee", variants: [{ sku: "NEW-TEE-1", price: usd(100) }] });
    expect(slug.status).toBe(409);
    expect(slug.body.code).toBe("catalog.slug_taken");
    const sku = await admin("POST", "/products", { name: "Another Tee", variants: [{ sku: "TEE-BLUE-M", price: usd(100) }] });
    expect(sku.status).toBe(409);
    expect(sku.body.code).toBe("catalog.sku_taken");
  });
});

describe("GET /v1/admin/products", () => {
  it("lists every status, and one status on demand", async () => {
    const all = await admin("GET", "/products?limit=100");
    expect(all.status).toBe(200);
    const slugs = all.body.items.map((item: { slug: string }) => item.slug);
    expect(slugs).toEqual(expect.arrayContaining(["classic-tee", "draft-jacket", "retired-mug"]));
    const drafts = await admin("GET", "/products?status=draft&limit=100");
    expect(drafts.body.items.length).toBeGreaterThan(0);
    expect(drafts.body.items.every((item: { status: string }) => item.status === "draft")).toBe(true);
    const audio = await admin("GET", "/products?category=audio&brand=Sonora");
    expect(audio.body.items.map((item: { slug: string }) => item.slug).sort()).toEqual(["studio-headphones", "travel-earbuds"]);
  });

  it("pages with an opaque cursor", async () => {
    const first = await admin("GET", "/products?limit=3");
    expect(first.body.items).toHaveLength(3);
    expect(typeof first.body.nextCursor).toBe("string");
    const second = await admin("GET", `/products?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    const ids = new Set([...first.body.items, ...second.body.items].map((item: { id: string }) => item.id));
    expect(ids.size).toBe(6);
  });

  it("answers a bad cursor with 400, an unknown category with 404 and a huge page with 422", async () => {
    const forged = Buffer.from(JSON.stringify(["not", "a", "key", "of", "this", "list"])).toString("base64url");
    const cursor = await admin("GET", `/products?cursor=${forged}`);
    expect(cursor.status).toBe(400);
    expect(cursor.body.code).toBe("request.malformed");
    const category = await admin("GET", "/products?category=no-such-category");
    expect(category.status).toBe(404);
    expect(category.body.code).toBe("category.not_found");
    expect((await admin("GET", "/products?limit=500")).status).toBe(422);
  });
});

describe("GET /v1/admin/products/{id}", () => {
  it("shows drafts, which the store hides", async () => {
    const res = await admin("GET", `/products/${await seededId("draft-jacket")}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ slug: "draft-jacket", status: "draft", variants: [{ sku: "JACKET-DRAFT", available: 5 }] });
    expect((await t.json("GET", "/v1/products/draft-jacket")).status).toBe(404);
  });

  it("is 404 for an unknown id", async () => {
    const res = await admin("GET", "/products/no-such-product");
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("product.not_found");
  });
});

describe("PATCH /v1/admin/products/{id}", () => {
  it("changes only the fields given", async () => {
    const product = await createProduct();
    const res = await admin("PATCH", `/products/${product.id}`, { name: "Renamed Tote", brand: null, featured: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: product.id, slug: product.slug, name: "Renamed Tote", brand: null, featured: true });
    expect(res.body.description).toBe(product.description);
    expect(res.body.variants).toEqual(product.variants);
  });

  it("answers 404, 409 and 422 for an unknown product, a taken slug and an unknown field", async () => {
    const product = await createProduct();
    const missing = await admin("PATCH", "/products/no-such-product", { name: "X" });
    expect(missing.status).toBe(404);
    const taken = await admin("PATCH", `/products/${product.id}`, { slug: "classic-tee" });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe("catalog.slug_taken");
    const unknown = await admin("PATCH", `/products/${product.id}`, { id: "hijacked", createdAt: "2000-01-01T00:00:00Z" });
    expect(unknown.status).toBe(422);
    expect(fieldPaths(unknown.body).sort()).toEqual(["createdAt", "id"]);
    expect((await admin("GET", `/products/${product.id}`)).body.id).toBe(product.id);
  });
});

describe("DELETE /v1/admin/products/{id}", () => {
  it("archives: the product leaves the store but stays readable by admins", async () => {
    const product = await createProduct();
    const res = await admin("DELETE", `/products/${product.id}`);
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
    expect((await admin("GET", `/products/${product.id}`)).body.status).toBe("archived");
    expect((await t.json("GET", `/v1/products/${product.slug}`)).status).toBe(404);
    expect((await admin("DELETE", `/products/${product.id}`)).status).toBe(204);
  });

  it("is 404 for an unknown id", async () => {
    const res = await admin("DELETE", "/products/no-such-product");
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("product.not_found");
  });
});

describe("variants", () => {
  it("adds a variant with starting stock (201)", async () => {
    const product = await createProduct();
    const res = await admin("POST", `/products/${product.id}/variants`, {
      sku: `${product.variants[0].sku}-XL`,
      options: { colour: "red" },
      price: usd(1900),
      stock: 4,
      lowStockThreshold: 2,
    });
    expect(res.status).toBe(201);
    expect(res.body.variants).toHaveLength(3);
    expect(res.body.variants[2]).toEqual({
      sku: `${product.variants[0].sku}-XL`,
      options: { colour: "red" },
      price: usd(1900),
      available: 4,
      inStock: true,
      status: "active",
      lowStockThreshold: 2,
    });
    expect(res.body.price.max).toEqual(usd(1900));
  });

  it("answers 404, 409 and 422 for an unknown product, a taken SKU and an unknown field", async () => {
    const product = await createProduct();
    expect((await admin("POST", "/products/no-such-product/variants", { sku: "ORPHAN-1", price: usd(100) })).status).toBe(404);
    const taken = await admin("POST", `/products/${product.id}/variants`, {
      sku: "TEE-BLUE-M",
      options: { colour: "teal" },
      price: usd(100),
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe("catalog.sku_taken");
    const unknown = await admin("POST", `/products/${product.id}/variants`, { sku: "X-1", price: usd(100), available: 99 });
    expect(unknown.status).toBe(422);
    expect(fieldPaths(unknown.body)).toEqual(["available"]);
  });

  it("changes a variant's price and archives it", async () => {
    const product = await createProduct();
    const sku = product.variants[1].sku;
    const res = await admin("PATCH", `/products/${product.id}/variants/${sku}`, { price: usd(2500), status: "archived" });
    expect(res.status).toBe(200);
    expect(res.body.variants[1]).toMatchObject({ sku, price: usd(2500), status: "archived", inStock: false });
    expect(res.body.price).toEqual({ min: usd(1500), max: usd(1500) });
  });

  it("answers 404 for an unknown SKU and 422 for an unknown field or a bad status", async () => {
    const product = await createProduct();
    const missing = await admin("PATCH", `/products/${product.id}/variants/NO-SUCH-SKU`, { price: usd(100) });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe("variant.not_found");
    const sku = product.variants[0].sku;
    expect((await admin("PATCH", `/products/${product.id}/variants/${sku}`, { stock: 100 })).status).toBe(422);
    expect((await admin("PATCH", `/products/${product.id}/variants/${sku}`, { status: "deleted" })).status).toBe(422);
  });
});

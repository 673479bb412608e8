import { SYSTEM_ACTOR } from "@emporium/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { TEST_PRODUCTS } from "../test-support/test-catalog.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const usd = (amount: number) => ({ amount, currency: "USD" });
const ACTIVE_SLUGS = TEST_PRODUCTS.filter((p) => p.status === undefined).map((p) => p.product);
const slugsOf = (body: { items: { slug: string }[] }) => body.items.map((item) => item.slug);

/** A counter's value from `/metrics` (0 when the series does not exist yet). */
async function counter(app: TestApp, name: string, cache: string): Promise<number> {
  const text = await (await app.app.request("/metrics")).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name}{cache="${cache}"}`));
  return line === undefined ? 0 : Number(line.split(" ").at(-1));
}

describe("GET /v1/categories", () => {
  it("answers the whole tree, nested, in one page", async () => {
    const res = await t.json("GET", "/v1/categories");
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.map((c: { name: string }) => c.name)).toEqual(["Apparel", "Audio", "Home"]);
    const apparel = res.body.items[0];
    expect(apparel).toMatchObject({ slug: "apparel", path: "apparel" });
    const tops = apparel.children.find((c: { name: string }) => c.name === "Tops");
    expect(tops).toMatchObject({ path: "apparel/tops", children: expect.any(Array) });
    expect(tops.children.map((c: { path: string }) => c.path).sort()).toEqual(["apparel/tops/shirts", "apparel/tops/t-shirts"]);
  });

  it("carries an ETag and Cache-Control, and answers 304 to a matching If-None-Match", async () => {
    const first = await t.json("GET", "/v1/categories");
    const etag = first.headers.get("ETag");
    expect(etag).toMatch(/^W\/"/);
    expect(first.headers.get("Cache-Control")).toMatch(/^public, max-age=\d+$/);
    const again = await t.app.request("/v1/categories", { headers: { "If-None-Match": etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("ETag")).toBe(etag);
  });
});

describe("GET /v1/categories/{slug}", () => {
  it("answers the category with its subtree and breadcrumbs", async () => {
    const res = await t.json("GET", "/v1/categories/tops");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      slug: "tops",
      name: "Tops",
      path: "apparel/tops",
      parentId: expect.any(String),
      attributeDefinitions: [],
    });
    expect(res.body.ancestors).toEqual([{ id: res.body.parentId, slug: "apparel", name: "Apparel", path: "apparel" }]);
    expect(res.body.children.map((c: { slug: string }) => c.slug).sort()).toEqual(["shirts", "t-shirts"]);
  });

  it("is 404 category.not_found for an unknown slug", async () => {
    const res = await t.json("GET", "/v1/categories/no-such-category");
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("category.not_found");
    expect(res.headers.get("Content-Type")).toBe("application/problem+json");
  });
});

describe("GET /v1/products", () => {
  it("lists the active products only, as summaries", async () => {
    const res = await t.json("GET", "/v1/products?limit=100");
    expect(res.status).toBe(200);
    expect(slugsOf(res.body).sort()).toEqual([...ACTIVE_SLUGS].sort());
    expect(res.body.nextCursor).toBeNull();
    const tee = res.body.items.find((p: { slug: string }) => p.slug === "classic-tee");
    expect(tee).toEqual({
      id: expect.any(String),
      slug: "classic-tee",
      name: "Classic Tee",
      brand: "Acme",
      status: "active",
      featured: true,
      image: "https://images.emporium.example/classic-tee/1.jpg",
      price: { min: usd(1999), max: usd(2199) },
      rating: { average: 0, count: 0 },
      inStock: true,
    });
  });

  it("filters by category (with its subcategories), brand, price and featured", async () => {
    const tops = await t.json("GET", "/v1/products?category=tops");
    expect(slugsOf(tops.body).sort()).toEqual(["classic-tee", "linen-shirt", "vneck-tee"]);
    const sonora = await t.json("GET", "/v1/products?brand=Sonora");
    expect(slugsOf(sonora.body).sort()).toEqual(["studio-headphones", "travel-earbuds"]);
    const midRange = await t.json("GET", "/v1/products?minPrice=5000&maxPrice=20000");
    expect(slugsOf(midRange.body).sort()).toEqual(["bluetooth-speaker", "studio-headphones", "travel-earbuds"]);
    const featured = await t.json("GET", "/v1/products?featured=true");
    expect(slugsOf(featured.body).sort()).toEqual(["classic-tee", "studio-headphones"]);
  });

  it("filters by stock", async () => {
    const inStock = await t.json("GET", "/v1/products?inStock=true&limit=100");
    expect(slugsOf(inStock.body).sort()).toEqual([...ACTIVE_SLUGS].sort());
    const soldOut = await t.json("GET", "/v1/products?inStock=false&limit=100");
    expect(soldOut.status).toBe(200);
    expect(soldOut.body.items).toEqual([]);
  });

  it("sorts by price and by name", async () => {
    const ascending = await t.json("GET", "/v1/products?sort=price_asc&limit=100");
    const mins = ascending.body.items.map((p: { price: { min: { amount: number } } }) => p.price.min.amount);
    expect(mins).toEqual([...mins].sort((a, b) => a - b));
    expect(ascending.body.items[0].slug).toBe("classic-tee");
    const descending = await t.json("GET", "/v1/products?sort=price_desc&limit=100");
    expect(descending.body.items[0].slug).toBe("oak-sofa");
    const byName = await t.json("GET", "/v1/products?sort=name&limit=100");
    const names = byName.body.items.map((p: { name: string }) => p.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  for (const sort of ["newest", "name", "price_asc", "price_desc"]) {
    it(`walks every product exactly once by cursor (sort=${sort})`, async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `/v1/products?limit=3&sort=${sort}${cursor === null ? "" : `&cursor=${cursor}`}`;
        const res = await t.json("GET", query);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(3);
        seen.push(...slugsOf(res.body));
        cursor = res.body.nextCursor;
        pages += 1;
      } while (cursor !== null && pages < 10);
      expect(seen.sort()).toEqual([...ACTIVE_SLUGS].sort());
      expect(pages).toBe(Math.ceil(ACTIVE_SLUGS.length / 3));
    });
  }

  it("is 400 request.malformed for a cursor it did not issue", async () => {
    const garbage = await t.json("GET", "/v1/products?cursor=bm90LWEtY3Vyc29y");
    expect(garbage.status).toBe(400);
    expect(garbage.body.code).toBe("request.malformed");
    const illegal = await t.json("GET", "/v1/products?cursor=%24%24%24");
    expect(illegal.status).toBe(400);
    expect(illegal.body.code).toBe("request.malformed");
  });

  it("is 422 for a limit above 100, a negative price or an unknown sort", async () => {
    for (const query of ["limit=101", "limit=0", "minPrice=-1", "maxPrice=1.5", "sort=cheapest", "inStock=yes"]) {
      const res = await t.json("GET", `/v1/products?${query}`);
      expect(res.status, query).toBe(422);
      expect(res.body.code).toBe("request.invalid");
    }
  });

  it("pages 20 by default", async () => {
    const res = await t.json("GET", "/v1/products");
    expect(res.body.items).toHaveLength(ACTIVE_SLUGS.length);
    expect(ACTIVE_SLUGS.length).toBeLessThan(20);
  });

  it("is 404 category.not_found for an unknown category", async () => {
    const res = await t.json("GET", "/v1/products?category=no-such-category");
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("category.not_found");
  });

  it("answers 304 to a matching If-None-Match", async () => {
    const first = await t.app.request("/v1/products?brand=Acme");
    const etag = first.headers.get("ETag")!;
    const again = await t.app.request("/v1/products?brand=Acme", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    const other = await t.app.request("/v1/products?brand=Hearth", { headers: { "If-None-Match": etag } });
    expect(other.status).toBe(200);
  });
});

describe("GET /v1/products/{slug}", () => {
  it("answers the product page in the documented shape", async () => {
    const res = await t.json("GET", "/v1/products/classic-tee");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.any(String),
      slug: "classic-tee",
      name: "Classic Tee",
      description: "Soft cotton t-shirt with a relaxed fit.",
      brand: "Acme",
      status: "active",
      featured: true,
      categories: [{ id: expect.any(String), slug: "t-shirts", name: "T-Shirts", path: "apparel/tops/t-shirts" }],
      attributes: { material: "cotton", fit: "regular" },
      images: ["https://images.emporium.example/classic-tee/1.jpg"],
      rating: { average: 0, count: 0 },
      price: { min: usd(1999), max: usd(2199) },
      variants: expect.any(Array),
      related: expect.any(Array),
    });
    const variants = [...res.body.variants].sort((a: { sku: string }, b: { sku: string }) => a.sku.localeCompare(b.sku));
    expect(variants).toEqual([
      { sku: "TEE-BLUE-L", options: { colour: "blue", size: "L" }, price: usd(1999), available: 30, inStock: true },
      { sku: "TEE-BLUE-M", options: { colour: "blue", size: "M" }, price: usd(1999), available: 50, inStock: true },
      { sku: "TEE-RED-M", options: { colour: "red", size: "M" }, price: usd(2199), available: 0, inStock: false },
    ]);
    expect(res.body.related.map((p: { slug: string }) => p.slug)).toEqual(["vneck-tee"]);
    expect(res.body.related[0]).toMatchObject({ name: "V-Neck Tee", price: { min: usd(2499), max: usd(2499) }, inStock: true });
  });

  it("is 404 product.not_found for draft, archived and unknown products", async () => {
    for (const slug of ["draft-jacket", "retired-mug", "no-such-product"]) {
      const res = await t.json("GET", `/v1/products/${slug}`);
      expect(res.status, slug).toBe(404);
      expect(res.body.code).toBe("product.not_found");
    }
  });

  it("answers 304 to a matching If-None-Match", async () => {
    const first = await t.app.request("/v1/products/oak-sofa");
    const etag = first.headers.get("ETag")!;
    expect(first.headers.get("Cache-Control")).toMatch(/^public, max-age=\d+$/);
    const again = await t.app.request("/v1/products/oak-sofa", { headers: { "If-None-Match": `"other", ${etag}` } });
    expect(again.status).toBe(304);
  });
});

describe("the catalogue cache", () => {
  let fresh: TestApp;
  beforeAll(async () => {
    fresh = await createTestApp();
  });
  afterAll(() => fresh.close());

  it("answers a repeated read from the cache and counts hits and misses", async () => {
    const missesBefore = await counter(fresh, "cache_misses_total", "product");
    const hitsBefore = await counter(fresh, "cache_hits_total", "product");
    expect((await fresh.json("GET", "/v1/products/reading-lamp")).status).toBe(200);
    expect(await counter(fresh, "cache_misses_total", "product")).toBe(missesBefore + 1);
    expect((await fresh.json("GET", "/v1/products/reading-lamp")).status).toBe(200);
    expect(await counter(fresh, "cache_hits_total", "product")).toBe(hitsBefore + 1);
    expect(await counter(fresh, "cache_misses_total", "product")).toBe(missesBefore + 1);
  });

  it("counts list and category tree reads under their own labels", async () => {
    const lists = await counter(fresh, "cache_misses_total", "products");
    const trees = await counter(fresh, "cache_misses_total", "category-tree");
    await fresh.json("GET", "/v1/products?brand=Acme&sort=name");
    await fresh.json("GET", "/v1/products?sort=name&brand=Acme");
    await fresh.json("GET", "/v1/categories");
    expect(await counter(fresh, "cache_misses_total", "products")).toBe(lists + 1);
    expect(await counter(fresh, "cache_hits_total", "products")).toBeGreaterThanOrEqual(1);
    expect(await counter(fresh, "cache_misses_total", "category-tree")).toBe(trees + 1);
  });

  it("shows a product update on the next read of the product, the lists and the ETag", async () => {
    const before = await fresh.json("GET", "/v1/products/reading-lamp");
    const listBefore = await fresh.json("GET", "/v1/products?brand=Hearth");
    expect(listBefore.body.items.map((p: { name: string }) => p.name)).toContain("Reading Lamp");
    const etag = before.headers.get("ETag")!;

    const updated = await fresh.container
      .useCase("UpdateProduct")
      .execute({ actor: SYSTEM_ACTOR, requestId: "test", productId: before.body.id, name: "Brass Reading Lamp" });
    expect(updated.ok).toBe(true);

    const after = await fresh.json("GET", "/v1/products/reading-lamp", { headers: { "If-None-Match": etag } });
    expect(after.status).toBe(200);
    expect(after.body.name).toBe("Brass Reading Lamp");
    expect(after.headers.get("ETag")).not.toBe(etag);
    const listAfter = await fresh.json("GET", "/v1/products?brand=Hearth");
    expect(listAfter.body.items.map((p: { name: string }) => p.name)).toContain("Brass Reading Lamp");
  });

  it("shows a new category in the next tree", async () => {
    expect((await fresh.json("GET", "/v1/categories")).body.items).toHaveLength(3);
    const created = await fresh.container
      .useCase("CreateCategory")
      .execute({ actor: SYSTEM_ACTOR, requestId: "test", name: "Garden", slug: "garden" });
    expect(created.ok).toBe(true);
    const after = await fresh.json("GET", "/v1/categories");
    expect(after.body.items.map((c: { slug: string }) => c.slug)).toContain("garden");
  });
});

import { Tokens, type EmporiumContainer } from "@emporium/adapters";
import { SYSTEM_ACTOR, type SearchIndex } from "@emporium/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { createLogger } from "../logger.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { searchRoutes } from "./search.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const usd = (amount: number) => ({ amount, currency: "USD" });
const hitSlugs = (body: { hits: { slug: string }[] }) => body.hits.map((hit) => hit.slug);

describe("GET /v1/search", () => {
  it("finds a product by a misspelled name, as a summary with a score", async () => {
    const res = await t.json("GET", "/v1/search?q=hedphones");
    expect(res.status).toBe(200);
    expect(hitSlugs(res.body)[0]).toBe("studio-headphones");
    expect(res.body.hits[0]).toEqual({
      id: expect.any(String),
      slug: "studio-headphones",
      name: "Studio Headphones",
      brand: "Sonora",
      status: "active",
      featured: true,
      image: "https://images.emporium.example/studio-headphones/1.jpg",
      price: { min: usd(19900), max: usd(19900) },
      rating: { average: 0, count: 0 },
      inStock: true,
      score: expect.any(Number),
    });
    expect(res.body.hits[0].score).toBeGreaterThan(0);
    expect(res.body).toMatchObject({ page: 1, limit: 20 });
  });

  it("returns facets over the whole match", async () => {
    const res = await t.json("GET", "/v1/search?q=&limit=1");
    expect(res.status).toBe(200);
    expect(res.body.hits).toHaveLength(1);
    expect(res.body.total).toBe(8);
    const { facets } = res.body;
    expect(facets.brand).toEqual(
      expect.arrayContaining([
        { value: "Acme", count: 2 },
        { value: "Sonora", count: 2 },
        { value: "Hearth", count: 2 },
      ]),
    );
    expect(facets.category).toEqual(expect.arrayContaining([{ value: "audio/headphones", count: 2 }]));
    expect(facets.price).toEqual([
      { from: 0, to: 2500, count: 2 },
      { from: 2500, to: 5000, count: 2 },
      { from: 5000, to: 10000, count: 2 },
      { from: 10000, to: 25000, count: 1 },
      { from: 25000, to: null, count: 1 },
    ]);
    expect(facets.price.reduce((sum: number, bucket: { count: number }) => sum + bucket.count, 0)).toBe(8);
    expect(facets.inStock).toEqual([{ value: "true", count: 8 }]);
    expect(facets.attributes.size).toEqual(expect.arrayContaining([{ value: "M", count: 3 }]));
  });

  it("filters by category slug or path, brand and price", async () => {
    const apparel = await t.json("GET", "/v1/search?category=apparel");
    expect(hitSlugs(apparel.body).sort()).toEqual(["classic-tee", "linen-shirt", "vneck-tee"]);
    const byPath = await t.json("GET", "/v1/search?category=audio/headphones");
    expect(hitSlugs(byPath.body).sort()).toEqual(["studio-headphones", "travel-earbuds"]);
    const hearth = await t.json("GET", "/v1/search?brand=Hearth");
    expect(hitSlugs(hearth.body).sort()).toEqual(["oak-sofa", "reading-lamp"]);
    const cheap = await t.json("GET", "/v1/search?maxPrice=2500");
    expect(hitSlugs(cheap.body).sort()).toEqual(["classic-tee", "vneck-tee"]);
  });

  it("turns attr.<name> parameters into attribute and option filters", async () => {
    const sizeM = await t.json("GET", "/v1/search?attr.size=M");
    expect(hitSlugs(sizeM.body).sort()).toEqual(["classic-tee", "linen-shirt", "vneck-tee"]);
    const cotton = await t.json("GET", "/v1/search?q=tee&attr.material=cotton");
    expect(hitSlugs(cotton.body)).toEqual(["classic-tee"]);
    const red = await t.json("GET", "/v1/search?attr.colour=red");
    expect(hitSlugs(red.body)).toEqual(["classic-tee"]);
    // The only red variant is sold out: stock and options must hold for the same variant.
    const redInStock = await t.json("GET", "/v1/search?attr.colour=red&inStock=true");
    expect(redInStock.status).toBe(200);
    expect(redInStock.body.hits).toEqual([]);
    expect(redInStock.body.total).toBe(0);
  });

  it("sorts by price both ways", async () => {
    const ascending = await t.json("GET", "/v1/search?sort=price_asc");
    const mins = ascending.body.hits.map((hit: { price: { min: { amount: number } } }) => hit.price.min.amount);
    expect(mins).toEqual([...mins].sort((a, b) => a - b));
    const descending = await t.json("GET", "/v1/search?sort=price_desc");
    expect(hitSlugs(descending.body)[0]).toBe("oak-sofa");
  });

  it("pages through the hits", async () => {
    const first = await t.json("GET", "/v1/search?sort=price_asc&limit=5&page=1");
    const second = await t.json("GET", "/v1/search?sort=price_asc&limit=5&page=2");
    expect(first.body.hits).toHaveLength(5);
    expect(second.body.hits).toHaveLength(3);
    expect(new Set([...hitSlugs(first.body), ...hitSlugs(second.body)]).size).toBe(8);
  });

  it("answers 304 to a matching If-None-Match", async () => {
    const first = await t.app.request("/v1/search?q=lamp");
    const etag = first.headers.get("ETag")!;
    expect(first.headers.get("Cache-Control")).toMatch(/^public, max-age=\d+$/);
    const again = await t.app.request("/v1/search?q=lamp", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
  });

  it("shows the products of the hits as they are now: a product update retires the hits' summaries", async () => {
    const before = await t.json("GET", "/v1/search?q=lamp&brand=Hearth");
    const lamp = before.body.hits.find((hit: { slug: string }) => hit.slug === "reading-lamp");
    expect(lamp.name).toBe("Reading Lamp");
    const updated = await t.container
      .useCase("UpdateProduct")
      .execute({ actor: SYSTEM_ACTOR, requestId: "test", productId: lamp.id, name: "Brass Reading Lamp" });
    expect(updated.ok).toBe(true);
    const after = await t.json("GET", "/v1/search?q=lamp&brand=Hearth");
    expect(after.body.hits.find((hit: { slug: string }) => hit.slug === "reading-lamp").name).toBe("Brass Reading Lamp");
    const archived = await t.container.useCase("ArchiveProduct").execute({ actor: SYSTEM_ACTOR, requestId: "test", productId: lamp.id });
    expect(archived.ok).toBe(true);
    const gone = await t.json("GET", "/v1/search?q=lamp&brand=Hearth");
    expect(gone.body.hits.map((hit: { slug: string }) => hit.slug)).not.toContain("reading-lamp");
  });

  it("is 404 category.not_found for an unknown category", async () => {
    const res = await t.json("GET", "/v1/search?q=tee&category=no-such-category");
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("category.not_found");
  });

  it("is 422 for bad parameters, naming each", async () => {
    const cases: [string, string][] = [
      ["limit=0", "query.limit"],
      ["limit=101", "query.limit"],
      ["page=0", "query.page"],
      ["sort=cheapest", "query.sort"],
      ["minPrice=abc", "query.minPrice"],
      ["inStock=maybe", "query.inStock"],
      ["attr.=M", "query.attr."],
      ["attr.size=M&attr.size=L", "query.attr.size"],
      ["attr.size=", "query.attr.size"],
    ];
    for (const [query, path] of cases) {
      const res = await t.json("GET", `/v1/search?${query}`);
      expect(res.status, query).toBe(422);
      expect(res.body.code).toBe("request.invalid");
      expect(
        res.body.errors.map((e: { path: string }) => e.path),
        query,
      ).toContain(path);
    }
  });
});

describe("GET /v1/search/suggest", () => {
  it("completes a prefix with product names and words", async () => {
    const res = await t.json("GET", "/v1/search/suggest?q=head");
    expect(res.status).toBe(200);
    expect(res.body.suggestions.length).toBeGreaterThan(0);
    expect(res.body.suggestions.every((s: string) => /head/i.test(s))).toBe(true);
    expect(res.body.suggestions.map((s: string) => s.toLowerCase())).toContain("studio headphones");
  });

  it("limits the suggestions", async () => {
    const res = await t.json("GET", "/v1/search/suggest?q=s&limit=2");
    expect(res.status).toBe(200);
    expect(res.body.suggestions.length).toBeLessThanOrEqual(2);
  });

  it("is 422 without q", async () => {
    const res = await t.json("GET", "/v1/search/suggest");
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe("query.q");
  });
});

describe("when the search engine fails", () => {
  const failing: SearchIndex = {
    index: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:9200")),
    remove: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:9200")),
    search: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:9200")),
    suggest: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:9200")),
    reindex: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:9200")),
  };
  let app: ReturnType<typeof createApp>;
  beforeAll(() => {
    const container: EmporiumContainer = {
      ...t.container,
      get: (token) => (token === Tokens.SearchIndex ? failing : t.container.get(token)) as never,
    };
    app = createApp({ container, modules: [searchRoutes], logger: createLogger({ level: "silent" }) });
  });

  it("answers search with 503 search.unavailable and Retry-After", async () => {
    const res = await app.request("/v1/search?q=tee");
    expect(res.status).toBe(503);
    expect(res.headers.get("Content-Type")).toBe("application/problem+json");
    expect(res.headers.get("Retry-After")).toBe("30");
    const body = await res.json();
    expect(body).toMatchObject({ status: 503, code: "search.unavailable" });
    expect(JSON.stringify(body)).not.toContain("ECONNREFUSED");
  });

  it("answers suggest with 503 search.unavailable", async () => {
    const res = await app.request("/v1/search/suggest?q=te");
    expect(res.status).toBe(503);
    expect(((await res.json()) as { code: string }).code).toBe("search.unavailable");
  });
});

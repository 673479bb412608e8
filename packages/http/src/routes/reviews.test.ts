import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type RegisteredCustomer, type TestApp } from "../test-support/test-app.js";

let t: TestApp;
let ada: RegisteredCustomer;
let grace: RegisteredCustomer;
beforeAll(async () => {
  t = await createTestApp();
  ada = await t.registerCustomer("ada@example.com", "Ada");
  grace = await t.registerCustomer("grace@example.com", "Grace");
});
afterAll(() => t.close());

const post = (slug: string, token: string | undefined, body: unknown) =>
  t.json("POST", `/v1/products/${slug}/reviews`, { ...(token === undefined ? {} : { token }), body });

describe("POST /v1/products/{slug}/reviews", () => {
  it("creates the customer's review (201), then edits it on a second post (200)", async () => {
    const created = await post("studio-headphones", ada.accessToken, { rating: 4, title: "Good", body: "Comfortable for hours." });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      productId: expect.any(String),
      authorName: "Ada",
      rating: 4,
      title: "Good",
      body: "Comfortable for hours.",
      verifiedPurchase: false,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
      updatedAt: created.body.createdAt,
    });
    expect(created.body).not.toHaveProperty("customerId");

    const edited = await post("studio-headphones", ada.accessToken, { rating: 5, body: "Even better after a month." });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      id: created.body.id,
      rating: 5,
      title: null,
      body: "Even better after a month.",
      createdAt: created.body.createdAt,
    });

    const list = await t.json("GET", "/v1/products/studio-headphones/reviews");
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: created.body.id, rating: 5 });
  });

  it("keeps the product's rating current on the product page", async () => {
    expect((await post("travel-earbuds", ada.accessToken, { rating: 5, body: "Tiny and loud." })).status).toBe(201);
    expect((await t.json("GET", "/v1/products/travel-earbuds")).body.rating).toEqual({ average: 5, count: 1 });
    expect((await post("travel-earbuds", grace.accessToken, { rating: 2, body: "The case scratches." })).status).toBe(201);
    expect((await t.json("GET", "/v1/products/travel-earbuds")).body.rating).toEqual({ average: 3.5, count: 2 });
  });

  it("is 401 without a token", async () => {
    const res = await post("classic-tee", undefined, { rating: 5, body: "Nice." });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("auth.unauthenticated");
  });

  it("is 404 product.not_found for a draft, archived or unknown product", async () => {
    for (const slug of ["draft-jacket", "retired-mug", "no-such-product"]) {
      const res = await post(slug, ada.accessToken, { rating: 5, body: "Nice." });
      expect(res.status, slug).toBe(404);
      expect(res.body.code).toBe("product.not_found");
    }
  });

  it("is 422 for a bad rating, a blank body or an unknown field, naming each", async () => {
    const cases: [unknown, string][] = [
      [{ rating: 6, body: "Nice." }, "rating"],
      [{ rating: 4.5, body: "Nice." }, "rating"],
      [{ rating: 5 }, "body"],
      [{ rating: 5, body: "   " }, "body"],
      [{ rating: 5, body: "Nice.", verifiedPurchase: true }, "verifiedPurchase"],
      [{ rating: 5, body: "Nice.", title: "x".repeat(201) }, "title"],
    ];
    for (const [body, path] of cases) {
      const res = await post("classic-tee", ada.accessToken, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.code).toBe("request.invalid");
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await t.json("GET", "/v1/products/classic-tee/reviews")).body.items).toEqual([]);
  });
});

describe("GET /v1/products/{slug}/reviews", () => {
  it("pages the reviews newest first, each exactly once", async () => {
    const authors = [ada, grace, await t.registerCustomer("linus@example.com", "Linus")];
    for (const [i, author] of authors.entries()) {
      expect((await post("reading-lamp", author.accessToken, { rating: i + 3, body: `Review ${i}` })).status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path: string = `/v1/products/reading-lamp/reviews?limit=2${cursor === null ? "" : `&cursor=${cursor}`}`;
      const res = await t.json("GET", path);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((r: { body: string }) => r.body));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 5);
    expect(pages).toBe(2);
    expect(seen).toEqual(["Review 2", "Review 1", "Review 0"]);
  });

  it("is 404 product.not_found for an unknown or hidden product", async () => {
    for (const slug of ["no-such-product", "draft-jacket"]) {
      const res = await t.json("GET", `/v1/products/${slug}/reviews`);
      expect(res.status, slug).toBe(404);
      expect(res.body.code).toBe("product.not_found");
    }
  });

  it("is 400 for a cursor it did not issue and 422 for a bad limit", async () => {
    const cursor = await t.json("GET", "/v1/products/reading-lamp/reviews?cursor=bm90LWEtY3Vyc29y");
    expect(cursor.status).toBe(400);
    expect(cursor.body.code).toBe("request.malformed");
    const limit = await t.json("GET", "/v1/products/reading-lamp/reviews?limit=500");
    expect(limit.status).toBe(422);
  });
});

import { describe, expect, it } from "vitest";
import { aReview, at, collectPages, seedCustomer, seedProduct, uid } from "./fixtures.js";
import { useHarness, type CreateHarness } from "./harness.js";

export function reviewRepositoryContract(create: CreateHarness): void {
  describe("ReviewRepository", () => {
    const store = useHarness(create);
    const repos = () => store().repos;

    it("round-trips a review by id and by (product, customer)", async () => {
      const product = await seedProduct(repos());
      const customer = await seedCustomer(repos());
      const review = aReview(product.id, customer.id, { title: null, verifiedPurchase: true, rating: 5 });
      await repos().reviews.save(review);
      expect(await repos().reviews.findById(review.id)).toEqual(review);
      expect(await repos().reviews.findByProductAndCustomer(product.id, customer.id)).toEqual(review);
    });

    it("returns null for an unknown review", async () => {
      expect(await repos().reviews.findById(uid("missing"))).toBeNull();
      expect(await repos().reviews.findByProductAndCustomer(uid("p"), uid("c"))).toBeNull();
    });

    it("updates a review saved again under its id", async () => {
      const review = aReview((await seedProduct(repos())).id, (await seedCustomer(repos())).id);
      await repos().reviews.save(review);
      const edited = { ...review, rating: 2, body: "Changed my mind.", hidden: true, updatedAt: at(5) };
      await repos().reviews.save(edited);
      expect(await repos().reviews.findById(review.id)).toEqual(edited);
    });

    it("refuses a second review of one product by one customer", async () => {
      const product = await seedProduct(repos());
      const customer = await seedCustomer(repos());
      await repos().reviews.save(aReview(product.id, customer.id));
      await expect(repos().reviews.save(aReview(product.id, customer.id))).rejects.toThrow();
    });

    it("lists visible reviews newest first and aggregates only those", async () => {
      const product = await seedProduct(repos());
      const ratings = [5, 4, 4, 1, 3];
      const visible = [];
      for (const [i, rating] of ratings.entries()) {
        const review = aReview(product.id, (await seedCustomer(repos())).id, { rating, hidden: i === 3, createdAt: at(i % 2) });
        await repos().reviews.save(review);
        if (!review.hidden) visible.push(review);
      }
      await repos().reviews.save(aReview((await seedProduct(repos())).id, (await seedCustomer(repos())).id));

      const pages = await collectPages((cursor) => repos().reviews.listByProduct(product.id, { limit: 3, cursor }));
      expect(pages.map((p) => p.length)).toEqual([3, 1]);
      const listed = pages.flat();
      expect(listed.map((r) => r.id).sort()).toEqual(visible.map((r) => r.id).sort());
      const times = listed.map((r) => r.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));

      const aggregate = await repos().reviews.aggregate(product.id);
      expect(aggregate.count).toBe(4);
      expect(aggregate.average).toBeCloseTo(4, 10);
      expect(await repos().reviews.aggregate(uid("no-reviews"))).toEqual({ average: 0, count: 0 });
    });

    it("lists every review for moderation, hidden ones included, filtered by product and hidden flag", async () => {
      const product = await seedProduct(repos());
      const shown = aReview(product.id, (await seedCustomer(repos())).id, { createdAt: at(1) });
      const hidden = aReview(product.id, (await seedCustomer(repos())).id, { hidden: true, createdAt: at(2) });
      const older = aReview(product.id, (await seedCustomer(repos())).id, { hidden: true, createdAt: at(0) });
      const elsewhere = aReview((await seedProduct(repos())).id, (await seedCustomer(repos())).id, { hidden: true });
      for (const review of [shown, hidden, older, elsewhere]) await repos().reviews.save(review);

      const pages = await collectPages((cursor) => repos().reviews.list({ productId: product.id, limit: 2, cursor }));
      expect(pages.flat().map((r) => r.id)).toEqual([hidden.id, shown.id, older.id]);
      const hiddenOnly = await repos().reviews.list({ productId: product.id, hidden: true, limit: 10 });
      expect(hiddenOnly.items).toEqual([hidden, older]);
      expect((await repos().reviews.list({ productId: product.id, hidden: false, limit: 10 })).items).toEqual([shown]);
      const everywhere = await collectPages((cursor) => repos().reviews.list({ hidden: true, limit: 100, cursor }));
      expect(everywhere.flat().map((r) => r.id)).toEqual(expect.arrayContaining([hidden.id, older.id, elsewhere.id]));
    });
  });
}

import { HideReview, ListReviews, ListReviewsAdmin, PostReview } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, CatalogShop, CUSTOMER_ACTOR, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("HideReview and ListReviewsAdmin", () => {
  let shop: CatalogShop;
  let hide: HideReview;
  let reviewIds: string[];
  beforeEach(async () => {
    shop = new CatalogShop();
    hide = new HideReview(shop.deps);
    await shop.product("tee", [{ sku: "TEE" }]);
    reviewIds = [];
    for (const [name, rating] of [
      ["Ada", 5],
      ["Bob", 1],
      ["Cy", 3],
    ] as const) {
      const { customer } = await shop.register(`${name.toLowerCase()}@example.com`, name);
      const posted = unwrap(
        await new PostReview(shop.deps).execute({ productSlug: "tee", customerId: customer.id, rating, body: `By ${name}` }),
      );
      reviewIds.push(posted.review.id);
      shop.clock.advanceSeconds(1);
    }
  });

  it("hides a review from the public list and the rating, with an audit entry and product.changed", async () => {
    expect((await shop.productBySlug("tee")).rating).toEqual({ average: 3, count: 3 });
    const changes = (await shop.events("product.changed")).length;

    const hidden = unwrap(await hide.execute({ actor: ADMIN, requestId: "req-hide", reviewId: reviewIds[1]!, hidden: true }));

    expect(hidden).toMatchObject({ id: reviewIds[1], hidden: true, rating: 1 });
    expect((await shop.productBySlug("tee")).rating).toEqual({ average: 4, count: 2 });
    const listed = unwrap(await new ListReviews(shop.deps).execute({ slug: "tee" })).items;
    expect(listed.map((r) => r.authorName)).toEqual(["Cy", "Ada"]);
    expect(shop.audit().at(-1)).toMatchObject({
      actor: ADMIN.id,
      action: "review.hide",
      entityType: "review",
      entityId: reviewIds[1],
      before: { hidden: false },
      after: { hidden: true },
      requestId: "req-hide",
    });
    expect((await shop.events("product.changed")).length).toBe(changes + 1);
  });

  it("shows a hidden review again, and hiding twice changes nothing the second time", async () => {
    unwrap(await hide.execute({ actor: ADMIN, reviewId: reviewIds[0]!, hidden: true }));
    const footprint = shop.footprint();
    unwrap(await hide.execute({ actor: ADMIN, reviewId: reviewIds[0]!, hidden: true }));
    expect(shop.footprint()).toEqual(footprint);

    const shown = unwrap(await hide.execute({ actor: ADMIN, requestId: "req-unhide", reviewId: reviewIds[0]!, hidden: false }));
    expect(shown.hidden).toBe(false);
    expect((await shop.productBySlug("tee")).rating).toEqual({ average: 3, count: 3 });
    expect(shop.audit().at(-1)).toMatchObject({ action: "review.unhide", before: { hidden: true }, after: { hidden: false } });
  });

  it("keeps a hidden review hidden when its author edits it", async () => {
    unwrap(await hide.execute({ actor: ADMIN, reviewId: reviewIds[1]!, hidden: true }));
    const bob = (await shop.persistence.repos.reviews.findById(reviewIds[1]!))!.customerId;
    const edited = unwrap(await new PostReview(shop.deps).execute({ productSlug: "tee", customerId: bob, rating: 2, body: "Still bad." }));
    expect(edited.created).toBe(false);
    expect((await shop.persistence.repos.reviews.findById(reviewIds[1]!))?.hidden).toBe(true);
    expect((await shop.productBySlug("tee")).rating.count).toBe(2);
  });

  it("lists reviews for moderation, hidden ones included, filtered by product and hidden flag", async () => {
    unwrap(await hide.execute({ actor: ADMIN, reviewId: reviewIds[1]!, hidden: true }));
    const product = await shop.productBySlug("tee");
    const list = new ListReviewsAdmin(shop.deps);
    const all = unwrap(await list.execute({ actor: ADMIN, productId: product.id }));
    expect(all.items.map((r) => [r.authorName, r.hidden])).toEqual([
      ["Cy", false],
      ["Bob", true],
      ["Ada", false],
    ]);
    expect(all.items[0]?.customerId).toEqual(expect.any(String));
    expect(unwrap(await list.execute({ actor: ADMIN, hidden: true })).items.map((r) => r.id)).toEqual([reviewIds[1]]);
    const first = unwrap(await list.execute({ actor: ADMIN, limit: 2 }));
    const second = unwrap(await list.execute({ actor: ADMIN, limit: 2, cursor: first.nextCursor }));
    expect([...first.items, ...second.items].map((r) => r.authorName)).toEqual(["Cy", "Bob", "Ada"]);
  });

  it("is auth.forbidden for a customer and review.not_found for an unknown review", async () => {
    const footprint = shop.footprint();
    expect(unwrapErr(await hide.execute({ actor: CUSTOMER_ACTOR, reviewId: reviewIds[0]!, hidden: true })).code).toBe("auth.forbidden");
    expect(unwrapErr(await new ListReviewsAdmin(shop.deps).execute({ actor: CUSTOMER_ACTOR })).code).toBe("auth.forbidden");
    expect(unwrapErr(await hide.execute({ actor: ADMIN, reviewId: "missing", hidden: true })).code).toBe("review.not_found");
    expect(shop.footprint()).toEqual(footprint);
  });
});

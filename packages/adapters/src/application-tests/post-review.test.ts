import { AddCartItem, GetProduct, PayOrder, PlaceOrder, PostReview } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADDRESS, CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("PostReview", () => {
  let shop: CatalogShop;
  let post: PostReview;
  beforeEach(async () => {
    shop = new CatalogShop();
    post = new PostReview(shop.deps);
    await shop.product("tee", [{ sku: "TEE", price: 2000 }]);
  });

  it("posts a review, updates the product rating and announces review.posted and product.changed", async () => {
    const ada = (await shop.register("ada@example.com", "Ada")).customer.id;
    const bob = (await shop.register("bob@example.com", "Bob")).customer.id;
    const changesBefore = (await shop.events("product.changed")).length;

    const posted = unwrap(await post.execute({ productSlug: "tee", customerId: ada, rating: 5, title: " Great ", body: "Lovely fabric." }));
    unwrap(await post.execute({ productSlug: "tee", customerId: bob, rating: 4, body: "Fine." }));
    const { review } = posted;

    expect(posted.created).toBe(true);
    expect(review).toMatchObject({ authorName: "Ada", rating: 5, title: "Great", body: "Lovely fabric.", verifiedPurchase: false });
    expect(review).not.toHaveProperty("customerId");
    expect((await shop.productBySlug("tee")).rating).toEqual({ average: 4.5, count: 2 });
    expect(unwrap(await new GetProduct(shop.deps).execute({ slug: "tee" })).product.rating.count).toBe(2);
    const events = await shop.events("review.posted");
    expect(events.map((e) => e.payload)).toEqual([
      { reviewId: review.id, productId: review.productId, customerId: ada, rating: 5, edited: false },
      expect.objectContaining({ customerId: bob, rating: 4, edited: false }),
    ]);
    // The search index re-reads the product (and its rating, the `rating` sort key) on product.changed.
    const changes = (await shop.events("product.changed")).slice(changesBefore);
    expect(changes.map((e) => e.payload)).toEqual([
      { productId: review.productId, slug: "tee", status: "active" },
      { productId: review.productId, slug: "tee", status: "active" },
    ]);
  });

  it("a second post by the same customer edits the first", async () => {
    const ada = (await shop.register()).customer.id;
    const posted = unwrap(await post.execute({ productSlug: "tee", customerId: ada, rating: 2, body: "Shrank." }));
    shop.clock.advanceSeconds(60);
    const edited = unwrap(await post.execute({ productSlug: "tee", customerId: ada, rating: 4, body: "Shrank, but fine.", title: "" }));
    const [first, second] = [posted.review, edited.review];

    expect([posted.created, edited.created]).toEqual([true, false]);
    expect(second).toMatchObject({ id: first.id, rating: 4, title: null, createdAt: first.createdAt });
    expect(second.updatedAt.getTime()).toBeGreaterThan(first.updatedAt.getTime());
    expect(shop.persistence.state.reviews.size).toBe(1);
    expect((await shop.productBySlug("tee")).rating).toEqual({ average: 4, count: 1 });
    expect((await shop.events("review.posted")).at(-1)?.payload).toMatchObject({ edited: true });
  });

  it("marks a verified purchase when the customer has a delivered order with the product", async () => {
    const ada = (await shop.register()).customer.id;
    await shop.deliveredOrder(ada, "TEE");
    expect(
      unwrap(await post.execute({ productSlug: "tee", customerId: ada, rating: 5, body: "Bought it, love it." })).review.verifiedPurchase,
    ).toBe(true);
  });

  it("does not mark a purchase that is paid but not delivered, nor a delivered order of another product", async () => {
    await shop.product("mug", [{ sku: "MUG" }]);
    const ada = (await shop.register()).customer.id;
    await shop.deliveredOrder(ada, "MUG");
    unwrap(await new AddCartItem(shop.deps).execute({ customerId: ada, sku: "TEE", quantity: 1 }));
    const order = unwrap(await new PlaceOrder(shop.deps).execute({ customerId: ada, shippingAddress: ADDRESS }));
    unwrap(await new PayOrder(shop.deps).execute({ orderId: order.id, customerId: ada, paymentMethod: "pm_card_visa" }));

    const review = unwrap(await post.execute({ productSlug: "tee", customerId: ada, rating: 3, body: "Not here yet." })).review;
    expect(review.verifiedPurchase).toBe(false);
    expect(unwrap(await post.execute({ productSlug: "mug", customerId: ada, rating: 5, body: "Holds tea." })).review.verifiedPurchase).toBe(
      true,
    );
  });

  it("names invalid fields", async () => {
    const ada = (await shop.register()).customer.id;
    const error = unwrapErr(await post.execute({ productSlug: "tee", customerId: ada, rating: 6, title: "x".repeat(201), body: " " }));
    expect(error).toMatchObject({ code: "request.invalid" });
    if (error.code !== "request.invalid") return;
    expect(error.errors.map((e) => e.path)).toEqual(["rating", "title", "body"]);
  });

  it("reports product.not_found for unknown and hidden products, customer.not_found for an unknown customer", async () => {
    const ada = (await shop.register()).customer.id;
    await shop.product("draft", [{ sku: "DRAFT" }], { status: "draft" });
    expect(unwrapErr(await post.execute({ productSlug: "nope", customerId: ada, rating: 3, body: "?" })).code).toBe("product.not_found");
    expect(unwrapErr(await post.execute({ productSlug: "draft", customerId: ada, rating: 3, body: "?" })).code).toBe("product.not_found");
    expect(unwrapErr(await post.execute({ productSlug: "tee", customerId: "ghost", rating: 3, body: "?" })).code).toBe(
      "customer.not_found",
    );
    expect(shop.persistence.state.reviews.size).toBe(0);
  });
});

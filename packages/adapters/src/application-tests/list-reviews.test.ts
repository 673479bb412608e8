import { ListReviews, PostReview } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("ListReviews", () => {
  it("pages through a product's reviews, newest first, without customer ids", async () => {
    const shop = new CatalogShop();
    await shop.product("tee", [{ sku: "TEE" }]);
    for (const name of ["Ada", "Bob", "Cy"]) {
      const { customer } = await shop.register(`${name.toLowerCase()}@example.com`, name);
      unwrap(await new PostReview(shop.deps).execute({ productSlug: "tee", customerId: customer.id, rating: 4, body: `By ${name}` }));
      shop.clock.advanceSeconds(1);
    }
    const list = new ListReviews(shop.deps);

    const first = unwrap(await list.execute({ slug: "tee", limit: 2 }));
    const second = unwrap(await list.execute({ slug: "tee", limit: 2, cursor: first.nextCursor }));

    expect([...first.items, ...second.items].map((r) => r.authorName)).toEqual(["Cy", "Bob", "Ada"]);
    expect(second.nextCursor).toBeNull();
    expect(first.items.some((r) => "customerId" in r)).toBe(false);
  });

  it("reports product.not_found for an unknown or hidden product", async () => {
    const shop = new CatalogShop();
    await shop.product("draft", [{ sku: "D" }], { status: "draft" });
    expect(unwrapErr(await new ListReviews(shop.deps).execute({ slug: "nope" })).code).toBe("product.not_found");
    expect(unwrapErr(await new ListReviews(shop.deps).execute({ slug: "draft" })).code).toBe("product.not_found");
  });
});

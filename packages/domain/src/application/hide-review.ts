import { err, notFound, ok, type ForbiddenError, type NotFoundError, type Result } from "../errors.js";
import type { Review } from "../reviews/review.js";
import { authorize } from "./authorize.js";
import { invalidateCatalogCache } from "./catalog-cache.js";
import type { AppDeps } from "./context.js";
import { announceProductChanged } from "./product-changed.js";
import { recordAdminChange, type AdminCommand } from "./record-admin-change.js";

export interface HideReviewInput extends AdminCommand {
  readonly reviewId: string;
  /** true hides the review, false shows it again. */
  readonly hidden: boolean;
}

/**
 * Admin moderation: hides a review from the storefront (or shows it again). A hidden review
 * leaves the product's public list and its rating, which is recomputed in the same
 * transaction as the change and its audit entry. Hiding a hidden review changes nothing.
 */
export class HideReview {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "ids" | "clock" | "cache">) {}

  async execute(input: HideReviewInput): Promise<Result<Review, NotFoundError | ForbiddenError>> {
    const denied = authorize(input.actor, "reviews:moderate");
    if (denied !== null) return err(denied);
    const result = await this.deps.uow.run(async (tx): Promise<Result<{ review: Review; changed: boolean }, NotFoundError>> => {
      const before = await tx.reviews.findById(input.reviewId);
      if (before === null) return err(notFound("review", input.reviewId));
      if (before.hidden === input.hidden) return ok({ review: before, changed: false });
      // updatedAt stays: it is the author's last edit, shown on the storefront.
      const after: Review = { ...before, hidden: input.hidden };
      await tx.reviews.save(after);
      const product = await tx.products.findById(after.productId);
      if (product !== null) {
        const rated = { ...product, rating: await tx.reviews.aggregate(product.id) };
        await tx.products.save(rated);
        await announceProductChanged(tx, this.deps, rated);
      }
      await recordAdminChange(tx, this.deps, input, {
        action: input.hidden ? "review.hide" : "review.unhide",
        entityType: "review",
        entityId: after.id,
        before: { hidden: before.hidden },
        after: { hidden: after.hidden },
      });
      return ok({ review: after, changed: true });
    });
    if (!result.ok) return result;
    if (result.value.changed) await invalidateCatalogCache(this.deps.cache);
    return ok(result.value.review);
  }
}

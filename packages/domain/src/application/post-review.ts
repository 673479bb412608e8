import { err, invalid, notFound, ok, type FieldIssue, type InvalidInputError, type NotFoundError, type Result } from "../errors.js";
import { createEvent } from "../events/create-event.js";
import { validateRating } from "../reviews/rating.js";
import type { Review } from "../reviews/review.js";
import { invalidateCatalogCache } from "./catalog-cache.js";
import type { AppDeps } from "./context.js";
import { announceProductChanged } from "./product-changed.js";
import { toReviewView, type ReviewView } from "./review-view.js";

export interface PostReviewInput {
  readonly productSlug: string;
  readonly customerId: string;
  /** 1..5 */
  readonly rating: number;
  readonly title?: string | null;
  readonly body: string;
}

export interface PostedReview {
  readonly review: ReviewView;
  /** true for the customer's first review of the product, false for an edit. */
  readonly created: boolean;
}

export const MAX_REVIEW_TITLE_LENGTH = 200;
export const MAX_REVIEW_BODY_LENGTH = 5000;

/**
 * Posts the customer's review of an active product, or edits it: one review per customer and
 * product. It is marked a verified purchase when the customer has a delivered order with the
 * product. The product's rating is recomputed in the same transaction, and `product.changed`
 * tells the search index (whose `rating` sort reads it).
 */
export class PostReview {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "ids" | "clock" | "cache">) {}

  async execute(input: PostReviewInput): Promise<Result<PostedReview, InvalidInputError | NotFoundError>> {
    const issues = reviewIssues(input);
    if (issues.length > 0) return err(invalid(...issues));
    const title = input.title == null || input.title.trim() === "" ? null : input.title.trim();

    const result = await this.deps.uow.run(async (tx): Promise<Result<PostedReview, NotFoundError>> => {
      const product = await tx.products.findBySlug(input.productSlug);
      if (product === null || product.status !== "active") return err(notFound("product", input.productSlug));
      const customer = await tx.customers.findById(input.customerId);
      if (customer === null) return err(notFound("customer", input.customerId));

      const now = this.deps.clock.now();
      const previous = await tx.reviews.findByProductAndCustomer(product.id, customer.id);
      const verifiedPurchase = await tx.orders.hasPurchased(customer.id, product.id, ["delivered"]);
      const review: Review = {
        id: previous?.id ?? this.deps.ids.next(),
        productId: product.id,
        customerId: customer.id,
        authorName: customer.name,
        rating: input.rating,
        title,
        body: input.body.trim(),
        verifiedPurchase,
        hidden: previous?.hidden ?? false,
        createdAt: previous?.createdAt ?? now,
        updatedAt: now,
      };
      await tx.reviews.save(review);
      const rated = { ...product, rating: await tx.reviews.aggregate(product.id) };
      await tx.products.save(rated);
      await tx.outbox.append([
        createEvent(
          "review.posted",
          { reviewId: review.id, productId: product.id, customerId: customer.id, rating: review.rating, edited: previous !== null },
          { id: this.deps.ids.next(), now },
        ),
      ]);
      await announceProductChanged(tx, this.deps, rated);
      return ok({ review: toReviewView(review), created: previous === null });
    });
    if (result.ok) await invalidateCatalogCache(this.deps.cache);
    return result;
  }
}

function reviewIssues(input: PostReviewInput): FieldIssue[] {
  const issues = validateRating(input.rating);
  if (input.title != null && input.title.length > MAX_REVIEW_TITLE_LENGTH) {
    issues.push({ path: "title", message: `must be at most ${MAX_REVIEW_TITLE_LENGTH} characters` });
  }
  if (input.body.trim() === "") issues.push({ path: "body", message: "is required" });
  else if (input.body.length > MAX_REVIEW_BODY_LENGTH)
    issues.push({ path: "body", message: `must be at most ${MAX_REVIEW_BODY_LENGTH} characters` });
  return issues;
}

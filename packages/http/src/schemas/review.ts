import { MAX_REVIEW_BODY_LENGTH, MAX_REVIEW_TITLE_LENGTH, type ReviewView } from "@emporium/domain";
import { z } from "@hono/zod-openapi";
import { pageOf, strictBody } from "./common.js";

export const Review = z
  .object({
    id: z.string(),
    productId: z.string(),
    authorName: z.string().openapi({ description: "The author's display name; never their account" }),
    rating: z.number().int().openapi({ minimum: 1, maximum: 5, example: 5 }),
    title: z.string().nullable(),
    body: z.string(),
    verifiedPurchase: z.boolean().openapi({ description: "The author has a delivered order with this product" }),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Review");

export const ReviewPage = pageOf(Review, "ReviewPage");

/**
 * Posting again edits the customer's review. Ranges are checked here for the document; the
 * domain checks them too (and that the body is not blank), with the same 422 field paths.
 */
export const PostReviewBody = strictBody({
  rating: z.number().int().min(1).max(5).openapi({ example: 5 }),
  title: z.string().max(MAX_REVIEW_TITLE_LENGTH).nullable().optional().openapi({ example: "Great fit" }),
  body: z.string().min(1).max(MAX_REVIEW_BODY_LENGTH).openapi({ example: "Soft, and it kept its shape after many washes." }),
}).openapi("PostReview");

export type ReviewJson = z.infer<typeof Review>;

export function toReviewJson(review: ReviewView): ReviewJson {
  return {
    id: review.id,
    productId: review.productId,
    authorName: review.authorName,
    rating: review.rating,
    title: review.title,
    body: review.body,
    verifiedPurchase: review.verifiedPurchase,
    createdAt: review.createdAt.toISOString(),
    updatedAt: review.updatedAt.toISOString(),
  };
}

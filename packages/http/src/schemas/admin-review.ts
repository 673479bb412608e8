import type { Review } from "@emporium/domain";
import { z } from "@hono/zod-openapi";
import { PageQuery } from "./common.js";

export const AdminReviewQuery = PageQuery.extend({
  productId: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "Only this product's reviews", example: "01JD3Z6X8K2M4N5P6Q7R8S9T0V" }),
  hidden: z
    .enum(["true", "false"])
    .optional()
    .openapi({ description: "true: only hidden reviews; false: only visible ones; absent: both" }),
});

export const AdminReview = z
  .object({
    id: z.string(),
    productId: z.string(),
    customerId: z.string().openapi({ description: "The author's account (moderators only; the storefront shows authorName)" }),
    authorName: z.string(),
    rating: z.number().int().openapi({ minimum: 1, maximum: 5, example: 2 }),
    title: z.string().nullable(),
    body: z.string(),
    verifiedPurchase: z.boolean(),
    hidden: z.boolean().openapi({ description: "Hidden reviews leave the storefront and the product's rating" }),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("AdminReview");

export type AdminReviewJson = z.infer<typeof AdminReview>;

export function toAdminReviewJson(review: Review): AdminReviewJson {
  return {
    id: review.id,
    productId: review.productId,
    customerId: review.customerId,
    authorName: review.authorName,
    rating: review.rating,
    title: review.title,
    body: review.body,
    verifiedPurchase: review.verifiedPurchase,
    hidden: review.hidden,
    createdAt: review.createdAt.toISOString(),
    updatedAt: review.updatedAt.toISOString(),
  };
}

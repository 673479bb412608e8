import { InvalidCursorError } from "@emporium/adapters";
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.js";
import { createApi } from "../app-factory.js";
import { currentAuth, requireAuth } from "../middleware/auth.js";
import { BEARER_SECURITY } from "../ops.js";
import { problem, respondError, titleOf } from "../problem.js";
import { MALFORMED, PageQuery, problemResponses } from "../schemas/common.js";
import { PostReviewBody, Review, ReviewPage, toReviewJson } from "../schemas/review.js";
import type { RouteContext } from "./route-context.js";

const ProductSlugParams = z.object({
  slug: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "slug", in: "path" }, example: "classic-tee" }),
});

const reviewResponse = (description: string) => ({ description, content: { "application/json": { schema: Review } } });

const listRoute = createRoute({
  method: "get",
  path: "/products/{slug}/reviews",
  tags: ["reviews"],
  summary: "A product's reviews, newest first",
  request: { params: ProductSlugParams, query: PageQuery },
  responses: {
    200: { description: "A page of reviews", content: { "application/json": { schema: ReviewPage } } },
    ...problemResponses(400, 404, 422),
  },
});

const postRoute = createRoute({
  method: "post",
  path: "/products/{slug}/reviews",
  tags: ["reviews"],
  summary: "Review a product, or edit your review",
  description:
    "One review per customer and product: the first post creates it (201), later posts edit it (200). " +
    "It is marked a verified purchase when you have a delivered order with the product.",
  security: BEARER_SECURITY,
  middleware: [requireAuth()],
  request: {
    params: ProductSlugParams,
    body: { required: true, content: { "application/json": { schema: PostReviewBody } } },
  },
  responses: {
    201: reviewResponse("The review, created"),
    200: reviewResponse("The review, edited"),
    ...problemResponses(401, 404, 422),
  },
});

/** Product reviews: anyone reads them, a signed-in customer writes their own. */
export function reviewsRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });

  app.openapi(listRoute, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const listing = ctx.useCase("ListReviews").execute({ slug: c.req.valid("param").slug, limit, cursor: cursor ?? null });
    const result = await listing.catch((error: unknown) => {
      // A well-formed token that this list did not issue (another list's, or forged) is still a bad cursor.
      if (error instanceof InvalidCursorError) return null;
      throw error;
    });
    if (result === null) return problem(c, 400, MALFORMED, titleOf(400), "query.cursor: cursor is not one this list issued");
    if (!result.ok) return respondError(c, result.error);
    return c.json({ items: result.value.items.map(toReviewJson), nextCursor: result.value.nextCursor }, 200);
  });

  app.openapi(postRoute, async (c) => {
    const { rating, title, body } = c.req.valid("json");
    const result = await ctx.useCase("PostReview").execute({
      productSlug: c.req.valid("param").slug,
      customerId: currentAuth(c).customerId,
      rating,
      title: title ?? null,
      body,
    });
    if (!result.ok) return respondError(c, result.error);
    const review = toReviewJson(result.value.review);
    return result.value.created ? c.json(review, 201) : c.json(review, 200);
  });

  return app;
}

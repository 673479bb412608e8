import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env.js";
import { createApi } from "../../app-factory.js";
import { BEARER_SECURITY } from "../../ops.js";
import { respondError } from "../../problem.js";
import { IdParams } from "../../schemas/admin-common.js";
import { AdminReview, AdminReviewQuery, toAdminReviewJson } from "../../schemas/admin-review.js";
import { pageOf, problemResponses } from "../../schemas/common.js";
import { actorOf, commandOf, type RouteContext } from "../route-context.js";
import { badCursor, readPage } from "./paging.js";

const common = { tags: ["admin: reviews"], security: BEARER_SECURITY };
const AdminReviewPage = pageOf(AdminReview, "AdminReviewPage");
const reviewResponse = (description: string) => ({ description, content: { "application/json": { schema: AdminReview } } });

const listRoute = createRoute({
  ...common,
  method: "get",
  path: "/reviews",
  summary: "Reviews for moderation, hidden ones included, newest first",
  request: { query: AdminReviewQuery },
  responses: {
    200: { description: "A page of reviews", content: { "application/json": { schema: AdminReviewPage } } },
    ...problemResponses(400, 401, 403, 422),
  },
});

const moderationRoute = (verb: "hide" | "unhide") =>
  createRoute({
    ...common,
    method: "post",
    path: `/reviews/{id}/${verb}`,
    summary: verb === "hide" ? "Hide a review from the storefront" : "Show a hidden review again",
    description:
      "The product's rating is recomputed without hidden reviews, and the change is recorded in the audit log. " +
      "Doing it twice changes nothing the second time.",
    request: { params: IdParams },
    responses: { 200: reviewResponse("The review"), ...problemResponses(401, 403, 404, 422) },
  });

/** `/admin/reviews`: find reviews and hide the ones that break the rules. */
export function adminReviewRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });

  app.openapi(listRoute, async (c) => {
    const { limit, cursor, productId, hidden } = c.req.valid("query");
    const page = await readPage(
      ctx.useCase("ListReviewsAdmin").execute({
        actor: actorOf(c),
        productId,
        hidden: hidden === undefined ? undefined : hidden === "true",
        limit,
        cursor: cursor ?? null,
      }),
    );
    if (page === null) return badCursor(c);
    if (!page.ok) return respondError(c, page.error);
    return c.json({ items: page.value.items.map(toAdminReviewJson), nextCursor: page.value.nextCursor }, 200);
  });

  for (const verb of ["hide", "unhide"] as const) {
    app.openapi(moderationRoute(verb), async (c) => {
      const result = await ctx
        .useCase("HideReview")
        .execute({ ...commandOf(c), reviewId: c.req.valid("param").id, hidden: verb === "hide" });
      if (!result.ok) return respondError(c, result.error);
      return c.json(toAdminReviewJson(result.value), 200);
    });
  }

  return app;
}

import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env.js";
import { createApi } from "../../app-factory.js";
import { BEARER_SECURITY } from "../../ops.js";
import { respondError } from "../../problem.js";
import { CreatePromotionBody, Promotion, PromotionQuery, toPromotionJson } from "../../schemas/admin-promotion.js";
import { pageOf, problemResponses } from "../../schemas/common.js";
import { actorOf, commandOf, type RouteContext } from "../route-context.js";
import { badCursor, readPage } from "./paging.js";

const common = { tags: ["admin: promotions"], security: BEARER_SECURITY };
const PromotionPage = pageOf(Promotion, "PromotionPage");

const createPromotionRoute = createRoute({
  ...common,
  method: "post",
  path: "/promotions",
  summary: "Create a coupon",
  description: "`value` is basis points for percent_off and minor units for fixed_off. A code already in use is 422 naming `code`.",
  request: { body: { required: true, content: { "application/json": { schema: CreatePromotionBody } } } },
  responses: {
    201: { description: "The coupon", content: { "application/json": { schema: Promotion } } },
    ...problemResponses(401, 403, 422),
  },
});

const listPromotionsRoute = createRoute({
  ...common,
  method: "get",
  path: "/promotions",
  summary: "Every coupon with its usage so far",
  request: { query: PromotionQuery },
  responses: {
    200: { description: "A page of coupons", content: { "application/json": { schema: PromotionPage } } },
    ...problemResponses(400, 401, 403, 422),
  },
});

const toDate = (value: string | null | undefined) => (value == null ? value : new Date(value));

/** `/admin/promotions`: coupons. */
export function adminPromotionRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });

  app.openapi(createPromotionRoute, async (c) => {
    const { startsAt, endsAt, ...fields } = c.req.valid("json");
    const result = await ctx.useCase("CreatePromotion").execute({
      ...commandOf(c),
      ...fields,
      startsAt: toDate(startsAt),
      endsAt: toDate(endsAt),
    });
    if (!result.ok) return respondError(c, result.error);
    return c.json(toPromotionJson(result.value), 201);
  });

  app.openapi(listPromotionsRoute, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const page = await readPage(ctx.useCase("ListPromotions").execute({ actor: actorOf(c), limit, cursor: cursor ?? null }));
    if (page === null) return badCursor(c);
    if (!page.ok) return respondError(c, page.error);
    return c.json({ items: page.value.items.map(toPromotionJson), nextCursor: page.value.nextCursor }, 200);
  });

  return app;
}

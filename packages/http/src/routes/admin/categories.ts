import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env.js";
import { createApi } from "../../app-factory.js";
import { BEARER_SECURITY } from "../../ops.js";
import { respondError } from "../../problem.js";
import { AdminCategory, CreateCategoryBody, toAdminCategoryJson, UpdateCategoryBody } from "../../schemas/admin-category.js";
import { IdParams } from "../../schemas/admin-common.js";
import { problemResponses } from "../../schemas/common.js";
import { commandOf, type RouteContext } from "../route-context.js";

const common = { tags: ["admin: catalogue"], security: BEARER_SECURITY };
const categoryResponse = (description: string) => ({ description, content: { "application/json": { schema: AdminCategory } } });

const createCategoryRoute = createRoute({
  ...common,
  method: "post",
  path: "/categories",
  summary: "Add a category under a parent, or at the root",
  request: { body: { required: true, content: { "application/json": { schema: CreateCategoryBody } } } },
  responses: { 201: categoryResponse("The category"), ...problemResponses(401, 403, 409, 422) },
});

const updateCategoryRoute = createRoute({
  ...common,
  method: "patch",
  path: "/categories/{id}",
  summary: "Rename, re-slug or move a category",
  description: "A category cannot move under itself or one of its descendants (422).",
  request: { params: IdParams, body: { required: true, content: { "application/json": { schema: UpdateCategoryBody } } } },
  responses: { 200: categoryResponse("The category"), ...problemResponses(401, 403, 404, 409, 422) },
});

const deleteCategoryRoute = createRoute({
  ...common,
  method: "delete",
  path: "/categories/{id}",
  summary: "Delete a category without subcategories",
  description: "Its products stay, filed under their other categories. A category with subcategories is 422.",
  request: { params: IdParams },
  responses: { 204: { description: "Deleted" }, ...problemResponses(401, 403, 404, 422) },
});

/** `/admin/categories`: the category tree's changes. */
export function adminCategoryRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });

  app.openapi(createCategoryRoute, async (c) => {
    const result = await ctx.useCase("CreateCategory").execute({ ...commandOf(c), ...c.req.valid("json") });
    if (!result.ok) return respondError(c, result.error);
    return c.json(toAdminCategoryJson(result.value), 201);
  });

  app.openapi(updateCategoryRoute, async (c) => {
    const result = await ctx
      .useCase("UpdateCategory")
      .execute({ ...commandOf(c), ...c.req.valid("json"), categoryId: c.req.valid("param").id });
    if (!result.ok) return respondError(c, result.error);
    return c.json(toAdminCategoryJson(result.value), 200);
  });

  app.openapi(deleteCategoryRoute, async (c) => {
    const result = await ctx.useCase("DeleteCategory").execute({ ...commandOf(c), categoryId: c.req.valid("param").id });
    if (!result.ok) return respondError(c, result.error);
    return c.body(null, 204);
  });

  return app;
}

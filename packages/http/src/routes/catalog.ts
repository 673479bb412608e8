import { InvalidCursorError, Tokens } from "@emporium/adapters";
import { ok } from "@emporium/domain";
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.js";
import { createApi } from "../app-factory.js";
import { CatalogReadCache, rawQueryHash } from "../catalog-read-cache.js";
import { jsonBodyResponse } from "../middleware/etag.js";
import { problem, respondError, titleOf } from "../problem.js";
import { CategoryTree, Category, toCategoryJson, toCategoryNodeJson } from "../schemas/category.js";
import { MALFORMED, pageOf, problemResponses } from "../schemas/common.js";
import { Product, ProductListQuery, ProductSummary, toProductJson, toProductSummaryJson } from "../schemas/product.js";
import type { RouteContext } from "./route-context.js";

// Browsers and CDNs cannot see the catalogue version bump, so they keep a response only briefly and then revalidate with the ETag.
const CATEGORY_MAX_AGE_SECONDS = 300;
const PRODUCT_MAX_AGE_SECONDS = 60;

const CACHE_HEADERS = {
  ETag: { description: "Weak validator; send it back in If-None-Match for a 304", schema: { type: "string" as const } },
  "Cache-Control": { description: "public, with a short max-age", schema: { type: "string" as const } },
};

const cacheable = <S extends z.ZodType>(schema: S, description: string) => ({
  description: `${description}. 304 without a body when If-None-Match names the current ETag.`,
  headers: CACHE_HEADERS,
  content: { "application/json": { schema } },
});

const SlugParams = (example: string) =>
  z.object({
    slug: z
      .string()
      .min(1)
      .max(200)
      .openapi({ param: { name: "slug", in: "path" }, example }),
  });

const categoryTreeRoute = createRoute({
  method: "get",
  path: "/categories",
  tags: ["catalog"],
  summary: "The category tree",
  responses: { 200: cacheable(CategoryTree, "Every category, nested under its parent"), ...problemResponses() },
});

const categoryRoute = createRoute({
  method: "get",
  path: "/categories/{slug}",
  tags: ["catalog"],
  summary: "One category with its subtree and breadcrumbs",
  request: { params: SlugParams("tops") },
  responses: { 200: cacheable(Category, "The category"), ...problemResponses(404, 422) },
});

const listProductsRoute = createRoute({
  method: "get",
  path: "/products",
  tags: ["catalog"],
  summary: "Browse products",
  description:
    "Active products, filtered and sorted, one cursor page at a time; follow `nextCursor` until it is null. " +
    "An unknown category is 404; a cursor this list did not issue is 400.",
  request: { query: ProductListQuery },
  responses: { 200: cacheable(pageOf(ProductSummary, "ProductPage"), "A page of product summaries"), ...problemResponses(400, 404, 422) },
});

const productRoute = createRoute({
  method: "get",
  path: "/products/{slug}",
  tags: ["catalog"],
  summary: "A product page",
  description: "Variants with availability, attributes, rating and related products. Draft and archived products are 404.",
  request: { params: SlugParams("classic-tee") },
  responses: { 200: cacheable(Product, "The product"), ...problemResponses(404, 422) },
});

/** The public catalogue: categories and products, cached by version and revalidated with ETags. */
export function catalogRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });
  const cache = new CatalogReadCache({ cache: ctx.container.get(Tokens.Cache), metrics: ctx.metrics });
  const { currency } = ctx.config.shop;
  const ttl = ctx.config.cacheTtl;

  app.openapi(categoryTreeRoute, async (c) => {
    const result = await cache.readJson("category-tree", "", ttl.categorySeconds, async () => {
      const tree = await ctx.useCase("GetCategoryTree").execute();
      return tree.ok ? ok({ items: tree.value.map(toCategoryNodeJson), nextCursor: null }) : tree;
    });
    if (!result.ok) return respondError(c, result.error);
    return jsonBodyResponse(c, result.value, CATEGORY_MAX_AGE_SECONDS);
  });

  app.openapi(categoryRoute, async (c) => {
    const { slug } = c.req.valid("param");
    const result = await cache.readJson("category", slug, ttl.categorySeconds, async () => {
      const found = await ctx.useCase("GetCategory").execute({ slug });
      return found.ok ? ok(toCategoryJson(found.value)) : found;
    });
    if (!result.ok) return respondError(c, result.error);
    return jsonBodyResponse(c, result.value, CATEGORY_MAX_AGE_SECONDS);
  });

  app.openapi(listProductsRoute, async (c) => {
    const query = c.req.valid("query");
    const url = c.req.url;
    const search = url.indexOf("?");
    const key = rawQueryHash(search === -1 ? "" : url.slice(search + 1), query);
    const listing = cache.readJson("products", key, ttl.listSeconds, async () => {
      const page = await ctx.useCase("ListProducts").execute({
        categorySlug: query.category,
        brand: query.brand,
        minPrice: query.minPrice,
        maxPrice: query.maxPrice,
        inStock: query.inStock,
        featured: query.featured,
        sort: query.sort,
        cursor: query.cursor ?? null,
        limit: query.limit,
      });
      if (!page.ok) return page;
      return ok({ items: page.value.items.map((summary) => toProductSummaryJson(summary, currency)), nextCursor: page.value.nextCursor });
    });
    const result = await listing.catch((error: unknown) => {
      // A well-formed token that this list did not issue (another sort's, or forged) is still a bad cursor.
      if (error instanceof InvalidCursorError) return null;
      throw error;
    });
    if (result === null) return problem(c, 400, MALFORMED, titleOf(400), "query.cursor: cursor is not one this list issued");
    if (!result.ok) return respondError(c, result.error);
    return jsonBodyResponse(c, result.value, PRODUCT_MAX_AGE_SECONDS);
  });

  app.openapi(productRoute, async (c) => {
    const { slug } = c.req.valid("param");
    const result = await cache.readJson("product", slug, ttl.productSeconds, async () => {
      const found = await ctx.useCase("GetProduct").execute({ slug });
      return found.ok ? ok(toProductJson(found.value, currency)) : found;
    });
    if (!result.ok) return respondError(c, result.error);
    return jsonBodyResponse(c, result.value, PRODUCT_MAX_AGE_SECONDS);
  });

  return app;
}

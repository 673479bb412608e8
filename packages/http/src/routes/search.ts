import { Tokens } from "@emporium/adapters";
import { notFound, summarizeProducts, type Repositories, type SearchResult as DomainSearchResult } from "@emporium/domain";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app-env.js";
import { createApi } from "../app-factory.js";
import { cacheableJson } from "../middleware/etag.js";
import { problem, respondError, titleOf } from "../problem.js";
import { problemResponses } from "../schemas/common.js";
import { toProductSummaryJson } from "../schemas/product.js";
import {
  ATTRIBUTE_FILTER_PARAMETER,
  attributeFilters,
  SearchQuery,
  SearchResult,
  SuggestQuery,
  Suggestions,
  toSearchFacetsJson,
  type SearchHitJson,
} from "../schemas/search.js";
import type { RouteContext } from "./route-context.js";

// Results follow the index, which the outbox updates a moment after each write; they are not kept in the
// catalogue cache, whose version bump would come before the index catches up. Clients may keep them briefly.
const SEARCH_MAX_AGE_SECONDS = 30;
const RETRY_AFTER_SECONDS = "30";

const searchRoute = createRoute({
  method: "get",
  path: "/search",
  tags: ["search"],
  summary: "Full-text product search with facets",
  description:
    "Typo-tolerant, with synonyms; in-stock and featured products are boosted. Filter by category, brand, price, stock " +
    "and any attribute or option with `attr.<name>=<value>`. Facets count every match. 503 `search.unavailable` when " +
    "the search engine cannot answer.",
  parameters: [ATTRIBUTE_FILTER_PARAMETER],
  request: { query: SearchQuery },
  responses: {
    200: {
      description: "A page of hits and the facets. 304 without a body when If-None-Match names the current ETag.",
      content: { "application/json": { schema: SearchResult } },
    },
    ...problemResponses(404, 422, 503),
  },
});

const suggestRoute = createRoute({
  method: "get",
  path: "/search/suggest",
  tags: ["search"],
  summary: "Autocomplete",
  description: "Product names and words completing what was typed; close spellings when nothing completes it.",
  request: { query: SuggestQuery },
  responses: {
    200: { description: "Completions, best first", content: { "application/json": { schema: Suggestions } } },
    ...problemResponses(422, 503),
  },
});

const searchUnavailable = (c: Context<AppEnv>, error: unknown) => {
  c.var.logger.warn({ err: error }, "search index failed");
  return problem(
    c,
    503,
    "search.unavailable",
    titleOf(503),
    "Search cannot answer right now; try again shortly, or browse with GET /v1/products.",
    {},
    { "Retry-After": RETRY_AFTER_SECONDS },
  );
};

/** The index's hits as product summaries, in its order; products the index has not yet dropped (no longer active) are left out. */
async function hydrateHits(
  repos: Pick<Repositories, "products" | "inventory">,
  hits: DomainSearchResult["hits"],
  currency: string,
): Promise<SearchHitJson[]> {
  const products = new Map((await repos.products.findManyByIds(hits.map((hit) => hit.productId))).map((p) => [p.id, p]));
  const shown = hits.flatMap((hit) => {
    const product = products.get(hit.productId);
    return product?.status === "active" ? [{ product, score: hit.score }] : [];
  });
  const summaries = await summarizeProducts(
    repos,
    shown.map((entry) => entry.product),
  );
  return summaries.map((summary, i) => ({ ...toProductSummaryJson(summary, currency), score: shown[i]?.score ?? 0 }));
}

/** Product search and autocomplete over the SearchIndex port; 503 when the engine fails. */
export function searchRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });
  const index = ctx.container.get(Tokens.SearchIndex);
  const repos = ctx.container.get(Tokens.ReadRepositories);
  const { currency } = ctx.config.shop;

  app.openapi(searchRoute, async (c) => {
    const query = c.req.valid("query");
    let categoryPath: string | undefined;
    if (query.category !== undefined) {
      const category = (await repos.categories.findBySlug(query.category)) ?? (await repos.categories.findByPath(query.category));
      if (category === null) return respondError(c, notFound("category", query.category));
      categoryPath = category.path;
    }
    let result: DomainSearchResult;
    try {
      result = await index.search({
        q: query.q,
        categoryPath,
        brand: query.brand,
        attributes: attributeFilters(query),
        minPrice: query.minPrice,
        maxPrice: query.maxPrice,
        inStock: query.inStock,
        sort: query.sort,
        page: query.page,
        limit: query.limit,
      });
    } catch (error) {
      return searchUnavailable(c, error);
    }
    const body = {
      hits: await hydrateHits(repos, result.hits, currency),
      total: result.total,
      page: query.page,
      limit: query.limit,
      facets: toSearchFacetsJson(result.facets),
    };
    return cacheableJson(c, body, SEARCH_MAX_AGE_SECONDS);
  });

  app.openapi(suggestRoute, async (c) => {
    const { q, limit } = c.req.valid("query");
    let suggestions: string[];
    try {
      suggestions = await index.suggest(q, limit);
    } catch (error) {
      return searchUnavailable(c, error);
    }
    return cacheableJson(c, { suggestions }, SEARCH_MAX_AGE_SECONDS);
  });

  return app;
}

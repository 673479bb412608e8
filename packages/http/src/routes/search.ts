import { Tokens } from "@emporium/adapters";
import { notFound, ok, type Repositories, type SearchResult as DomainSearchResult } from "@emporium/domain";
import { createRoute, type OpenAPIHono, type z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app-env.js";
import { createApi } from "../app-factory.js";
import { CatalogReadCache, queryHash } from "../catalog-read-cache.js";
import { cacheableJson, jsonBodyResponse, toJsonBody, type JsonBody } from "../middleware/etag.js";
import { problem, respondError, titleOf } from "../problem.js";
import { problemResponses } from "../schemas/common.js";
import { toProductSummaryJson, type ProductSummaryJson } from "../schemas/product.js";
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

type SearchResultJson = z.infer<typeof SearchResult>;

// Results follow the index, which the outbox updates a moment after each write; they are not kept in the
// catalogue cache, whose version bump would come before the index catches up. Clients may keep them briefly.
const SEARCH_MAX_AGE_SECONDS = 30;
const RETRY_AFTER_SECONDS = "30";
const NO_SUMMARIES = toJsonBody<ProductSummaryJson[]>([]);

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

/** Summaries of the active products among `ids`, in their order; products the index has not yet dropped (no longer active) are left out. */
async function activeSummaries(
  repos: Pick<Repositories, "products">,
  ids: readonly string[],
  currency: string,
): Promise<ProductSummaryJson[]> {
  const summaries = await repos.products.findSummariesByIds(ids);
  return summaries.filter((summary) => summary.status === "active").map((summary) => toProductSummaryJson(summary, currency));
}

/** The index's hits as product summaries with their scores, in its order. */
function withScores(summaries: readonly ProductSummaryJson[], hits: DomainSearchResult["hits"]): SearchHitJson[] {
  const byId = new Map(summaries.map((summary) => [summary.id, summary]));
  return hits.flatMap((hit) => {
    const summary = byId.get(hit.productId);
    return summary === undefined ? [] : [{ ...summary, score: hit.score }];
  });
}

/** Product search and autocomplete over the SearchIndex port; 503 when the engine fails. */
export function searchRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });
  const index = ctx.container.get(Tokens.SearchIndex);
  const repos = ctx.container.get(Tokens.ReadRepositories);
  const { currency } = ctx.config.shop;
  const ttl = ctx.config.cacheTtl;
  // The hits' summaries are product data, read through the catalogue cache as product lists are: a catalogue
  // write retires them. The hits themselves come from the index (which keeps its own results), not from here.
  const catalogCache = new CatalogReadCache({ cache: ctx.container.get(Tokens.Cache), metrics: ctx.metrics });

  const categoryPathOf = async (slugOrPath: string): Promise<string | null> => {
    const find = async () => {
      const category = (await repos.categories.findBySlug(slugOrPath)) ?? (await repos.categories.findByPath(slugOrPath));
      return category === null ? null : category.path;
    };
    if (ttl.categorySeconds <= 0) return find();
    const found = await catalogCache.readJson("category", `search-path:${slugOrPath}`, ttl.categorySeconds, async () => ok(await find()));
    return found.ok ? (JSON.parse(found.value.json) as string | null) : null;
  };

  // The cache key of a result's hits, hashed once per result object the index hands out.
  const hitKeys = new WeakMap<DomainSearchResult, string>();

  /** The summaries of the hits' products, serialized; the same object for as long as the catalogue cache keeps it. */
  const hitSummaries = async (result: DomainSearchResult): Promise<JsonBody<ProductSummaryJson[]>> => {
    const ids = result.hits.map((hit) => hit.productId);
    if (ids.length === 0) return NO_SUMMARIES;
    if (ttl.listSeconds <= 0) return toJsonBody(await activeSummaries(repos, ids, currency));
    let key = hitKeys.get(result);
    if (key === undefined) {
      key = `search-hits:${queryHash({ ids })}`;
      hitKeys.set(result, key);
    }
    const summaries = await catalogCache.readJson("products", key, ttl.listSeconds, async () =>
      ok(await activeSummaries(repos, ids, currency)),
    );
    return summaries.ok ? summaries.value : NO_SUMMARIES;
  };

  // The answer last built from an index result, with the summaries it was built from. The index hands out one
  // result object per query until a write to the index retires it, and the catalogue cache one summaries object
  // until a catalogue write or its TTL does: while both are the same objects, so is the answer.
  const answers = new WeakMap<DomainSearchResult, { summaries: JsonBody<ProductSummaryJson[]>; body: JsonBody<SearchResultJson> }>();

  app.openapi(searchRoute, async (c) => {
    const query = c.req.valid("query");
    let categoryPath: string | undefined;
    if (query.category !== undefined) {
      const path = await categoryPathOf(query.category);
      if (path === null) return respondError(c, notFound("category", query.category));
      categoryPath = path;
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
    const summaries = await hitSummaries(result);
    const answer = answers.get(result);
    if (answer !== undefined && answer.summaries === summaries) return jsonBodyResponse(c, answer.body, SEARCH_MAX_AGE_SECONDS);
    const body = toJsonBody<SearchResultJson>({
      hits: withScores(JSON.parse(summaries.json) as ProductSummaryJson[], result.hits),
      total: result.total,
      page: query.page,
      limit: query.limit,
      facets: toSearchFacetsJson(result.facets),
    });
    answers.set(result, { summaries, body: { ...body, bytes: Buffer.from(body.json) } });
    return jsonBodyResponse(c, body, SEARCH_MAX_AGE_SECONDS);
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

import type { estypes } from "@elastic/elasticsearch";
import type { SearchQuery, SearchSort } from "@emporium/domain";
import { PRICE_BUCKETS } from "../price-buckets.js";
import { RELEVANCE_BOOSTS } from "../relevance-boost.js";
import { tokenize } from "../tokenize.js";
import { filterPair } from "./attribute-pairs.js";
import { ANALYZERS } from "./index-template.js";

/** Elasticsearch refuses `from + size` beyond its default `index.max_result_window`. */
export const MAX_RESULT_WINDOW = 10_000;

/** Where each word weighs most: the name, then the brand, then category names. */
export const TEXT_FIELDS = ["name^4", "brand.text^2", "category_names^1.5", "attribute_text", "description"] as const;

// Cardinality is exact below its precision threshold; totals get the maximum, the many facet buckets less memory each.
const TOTAL_PRECISION = 40_000;
const BUCKET_PRECISION = 3_000;
const FACET_SIZE = 100;
const ATTRIBUTE_FACET_SIZE = 1_000;

const byProduct: Record<string, estypes.AggregationsAggregationContainer> = {
  products: { cardinality: { field: "product_id", precision_threshold: BUCKET_PRECISION } },
};

const SORTS: Record<SearchSort, estypes.SortCombinations[]> = {
  relevance: [{ _score: { order: "desc" } }, { product_id: "asc" }],
  price_asc: [{ min_price: "asc" }, { _score: { order: "desc" } }, { product_id: "asc" }],
  price_desc: [{ max_price: "desc" }, { _score: { order: "desc" } }, { product_id: "asc" }],
  rating: [{ rating: "desc" }, { _score: { order: "desc" } }, { product_id: "asc" }],
  popular: [{ sales_count: "desc" }, { _score: { order: "desc" } }, { product_id: "asc" }],
  newest: [{ created_at: "desc" }, { _score: { order: "desc" } }, { product_id: "asc" }],
};

/**
 * One search request (without the index): variant documents that match the
 * words and filters, collapsed to one hit per product, scored by text
 * relevance times the shared boosts, with facets counted per product.
 */
export function buildSearchRequest(query: SearchQuery): estypes.SearchRequest {
  const limit = Math.max(1, Math.floor(query.limit));
  const from = (Math.max(1, Math.floor(query.page)) - 1) * limit;
  // A page past the window has no hits, but the total and the facets still answer.
  const beyondWindow = from + limit > MAX_RESULT_WINDOW;
  return {
    query: {
      function_score: {
        query: { bool: { ...textClauses(query.q), filter: searchFilters(query) } },
        functions: boostFunctions(),
        score_mode: "multiply",
        boost_mode: "multiply",
      },
    },
    collapse: { field: "product_id" },
    sort: SORTS[query.sort ?? "relevance"],
    track_scores: true,
    // The total is the number of products (a cardinality below), not of variants.
    track_total_hits: false,
    from: beyondWindow ? 0 : from,
    size: beyondWindow ? 0 : limit,
    _source: ["product_id"],
    aggs: facetAggregations(),
  };
}

/**
 * Every word must appear in some field (fuzzily: "AUTO" allows one typo from
 * 3 letters, two from 6), or the last word may be the beginning of one, as
 * typed; the per-field match adds the field weights to the score.
 */
export function textClauses(q: string): Pick<estypes.QueryDslBoolQuery, "must" | "should"> {
  const words = q.trim();
  // Punctuation alone analyses to no words: list everything, as for an empty query.
  if (tokenize(words).length === 0) return { must: [{ match_all: {} }] };
  return {
    must: [
      {
        bool: {
          should: [
            { match: { search_text: { query: words, operator: "and", fuzziness: "AUTO" } } },
            { match_bool_prefix: { search_text: { query: words, operator: "and", analyzer: ANALYZERS.text } } },
          ],
          minimum_should_match: 1,
        },
      },
    ],
    should: [{ multi_match: { query: words, fields: [...TEXT_FIELDS], type: "best_fields", fuzziness: "AUTO" } }],
  };
}

/**
 * The filters as clauses on one variant document, so option filters, the price
 * range and `inStock: true` hold for one and the same variant ("size M in blue
 * under 50"); product attributes are on every variant. `inStock: false` means
 * a product with no variant in stock.
 */
export function searchFilters(query: SearchQuery): estypes.QueryDslQueryContainer[] {
  const filters: estypes.QueryDslQueryContainer[] = [];
  const path = query.categoryPath?.replace(/^\/+|\/+$/g, "");
  if (path !== undefined && path !== "") filters.push({ term: { category_path: path } });
  if (query.brand !== undefined && query.brand !== "") filters.push({ term: { brand: { value: query.brand, case_insensitive: true } } });
  for (const [name, value] of Object.entries(query.attributes ?? {})) filters.push({ term: { filter_pairs: filterPair(name, value) } });
  if (query.minPrice !== undefined || query.maxPrice !== undefined) {
    filters.push({
      range: {
        price: {
          ...(query.minPrice === undefined ? {} : { gte: query.minPrice }),
          ...(query.maxPrice === undefined ? {} : { lte: query.maxPrice }),
        },
      },
    });
  }
  if (query.inStock === true) filters.push({ term: { in_stock: true } });
  if (query.inStock === false) filters.push({ term: { product_in_stock: false } });
  return filters;
}

/** In stock ×3, featured ×1.2, popularity ×(1 + 0.1 per tenfold of sales): relevanceBoost, as functions. */
export function boostFunctions(): estypes.QueryDslFunctionScoreContainer[] {
  return [
    { filter: { term: { product_in_stock: true } }, weight: RELEVANCE_BOOSTS.inStock },
    { filter: { term: { featured: true } }, weight: RELEVANCE_BOOSTS.featured },
    { field_value_factor: { field: "popularity", missing: 1 } },
  ];
}

/**
 * Facets over every matching variant, each bucket counting distinct products
 * (a cardinality of product_id), since a product has many variant documents.
 * Category, price and stock use product-level fields (primary category,
 * cheapest variant, any variant in stock), so a product lands in one bucket.
 */
export function facetAggregations(): Record<string, estypes.AggregationsAggregationContainer> {
  const terms = (field: string, size = FACET_SIZE): estypes.AggregationsAggregationContainer => ({
    terms: { field, size, order: { products: "desc" } },
    aggs: byProduct,
  });
  return {
    total_products: { cardinality: { field: "product_id", precision_threshold: TOTAL_PRECISION } },
    category: terms("primary_category"),
    brand: terms("brand"),
    price: {
      range: {
        field: "min_price",
        ranges: PRICE_BUCKETS.map(({ from, to }, index) => ({ key: String(index), from, ...(to === null ? {} : { to }) })),
      },
      aggs: byProduct,
    },
    in_stock: terms("product_in_stock", 2),
    attributes: terms("facet_pairs", ATTRIBUTE_FACET_SIZE),
  };
}

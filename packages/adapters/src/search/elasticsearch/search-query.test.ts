import type { estypes } from "@elastic/elasticsearch";
import type { SearchQuery, SearchSort } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { PRICE_BUCKETS } from "../price-buckets.js";
import { RELEVANCE_BOOSTS } from "../relevance-boost.js";
import { buildSearchRequest, MAX_RESULT_WINDOW, searchFilters, textClauses } from "./search-query.js";

const query = (q: string, rest: Partial<SearchQuery> = {}): SearchQuery => ({ q, page: 1, limit: 20, ...rest });
const functionScore = (request: estypes.SearchRequest) => request.query?.function_score as estypes.QueryDslFunctionScoreQuery;
const bool = (request: estypes.SearchRequest) => functionScore(request).query?.bool as estypes.QueryDslBoolQuery;

describe("text", () => {
  it("requires every word somewhere, typo-tolerant, or the last word as a beginning", () => {
    const { must } = textClauses("  blutooth spea ");
    expect(must).toEqual([
      {
        bool: {
          should: [
            { match: { search_text: { query: "blutooth spea", operator: "and", fuzziness: "AUTO" } } },
            { match_bool_prefix: { search_text: { query: "blutooth spea", operator: "and", analyzer: "emporium_text" } } },
          ],
          minimum_should_match: 1,
        },
      },
    ]);
  });

  it("scores by field weight: name, brand, category names, attributes, description", () => {
    expect(textClauses("tee").should).toEqual([
      {
        multi_match: {
          query: "tee",
          fields: ["name^4", "brand.text^2", "category_names^1.5", "attribute_text", "description"],
          type: "best_fields",
          fuzziness: "AUTO",
        },
      },
    ]);
  });

  it("matches everything for an empty query, with a score to boost", () => {
    expect(textClauses("   ")).toEqual({ must: [{ match_all: {} }] });
    expect(textClauses(" — ")).toEqual({ must: [{ match_all: {} }] });
    expect(bool(buildSearchRequest(query("")))).toEqual({ must: [{ match_all: {} }], filter: [] });
  });
});

describe("filters", () => {
  it("adds nothing without filters", () => {
    expect(searchFilters(query("lamp", { brand: "", categoryPath: "/" }))).toEqual([]);
  });

  it("filters by category path (any ancestor), brand without regard to case, and option pairs of one variant", () => {
    expect(searchFilters(query("", { categoryPath: "/apparel/tops/", brand: "ACME", attributes: { Size: "M", colour: "Blue" } }))).toEqual([
      { term: { category_path: "apparel/tops" } },
      { term: { brand: { value: "ACME", case_insensitive: true } } },
      { term: { filter_pairs: '["size","m"]' } },
      { term: { filter_pairs: '["colour","blue"]' } },
    ]);
  });

  it("bounds the variant's price at either end or both", () => {
    expect(searchFilters(query("", { minPrice: 2000, maxPrice: 5000 }))).toEqual([{ range: { price: { gte: 2000, lte: 5000 } } }]);
    expect(searchFilters(query("", { minPrice: 0 }))).toEqual([{ range: { price: { gte: 0 } } }]);
    expect(searchFilters(query("", { maxPrice: 999 }))).toEqual([{ range: { price: { lte: 999 } } }]);
  });

  it("wants the variant in stock for inStock, and a product with none in stock for its opposite", () => {
    expect(searchFilters(query("", { inStock: true }))).toEqual([{ term: { in_stock: true } }]);
    expect(searchFilters(query("", { inStock: false }))).toEqual([{ term: { product_in_stock: false } }]);
  });

  it("puts the filters beside the text, so they do not score", () => {
    expect(bool(buildSearchRequest(query("tee", { inStock: true }))).filter).toEqual([{ term: { in_stock: true } }]);
  });
});

describe("buildSearchRequest", () => {
  it("collapses variants to one hit per product and reads only the product id", () => {
    const request = buildSearchRequest(query("tee"));
    expect(request.collapse).toEqual({ field: "product_id" });
    expect(request._source).toEqual(["product_id"]);
    expect(request.track_total_hits).toBe(false);
    expect(request.track_scores).toBe(true);
  });

  it("multiplies the text score by the shared in-stock, featured and popularity boosts", () => {
    const score = functionScore(buildSearchRequest(query("tee")));
    expect(score.score_mode).toBe("multiply");
    expect(score.boost_mode).toBe("multiply");
    expect(score.functions).toEqual([
      { filter: { term: { product_in_stock: true } }, weight: RELEVANCE_BOOSTS.inStock },
      { filter: { term: { featured: true } }, weight: RELEVANCE_BOOSTS.featured },
      { field_value_factor: { field: "popularity", missing: 1 } },
    ]);
  });

  it("sorts as the API promises, ties broken by score and then product id", () => {
    const sorts: Record<SearchSort, unknown[]> = {
      relevance: [{ _score: { order: "desc" } }, { product_id: "asc" }],
      price_asc: [{ min_price: "asc" }, { _score: { order: "desc" } }, { product_id: "asc" }],
      price_desc: [{ max_price: "desc" }, { _score: { order: "desc" } }, { product_id: "asc" }],
      rating: [{ rating: "desc" }, { _score: { order: "desc" } }, { product_id: "asc" }],
      popular: [{ sales_count: "desc" }, { _score: { order: "desc" } }, { product_id: "asc" }],
      newest: [{ created_at: "desc" }, { _score: { order: "desc" } }, { product_id: "asc" }],
    };
    for (const [sort, expected] of Object.entries(sorts)) {
      expect(buildSearchRequest(query("", { sort: sort as SearchSort })).sort, sort).toEqual(expected);
    }
    expect(buildSearchRequest(query("")).sort).toEqual(sorts.relevance);
  });

  it("pages with from and size, and asks for no hits past the result window", () => {
    expect(buildSearchRequest(query("", { page: 3, limit: 10 }))).toMatchObject({ from: 20, size: 10 });
    expect(buildSearchRequest(query("", { page: 0, limit: 0 }))).toMatchObject({ from: 0, size: 1 });
    const beyond = buildSearchRequest(query("", { page: MAX_RESULT_WINDOW / 10 + 1, limit: 10 }));
    expect(beyond).toMatchObject({ from: 0, size: 0 });
    expect(beyond.aggs).toBeDefined();
  });

  it("counts every facet bucket in distinct products, the total too", () => {
    const aggs = buildSearchRequest(query("")).aggs!;
    expect(aggs["total_products"]).toEqual({ cardinality: { field: "product_id", precision_threshold: 40_000 } });
    const products = { products: { cardinality: { field: "product_id", precision_threshold: 3_000 } } };
    expect(aggs["brand"]).toEqual({ terms: { field: "brand", size: 100, order: { products: "desc" } }, aggs: products });
    expect(aggs["category"]).toMatchObject({ terms: { field: "primary_category" }, aggs: products });
    expect(aggs["in_stock"]).toMatchObject({ terms: { field: "product_in_stock", size: 2 }, aggs: products });
    expect(aggs["attributes"]).toMatchObject({ terms: { field: "facet_pairs", size: 1_000 }, aggs: products });
  });

  it("buckets the cheapest variant's price into the shared ranges, the last one open", () => {
    const price = buildSearchRequest(query("")).aggs!["price"] as { range: estypes.AggregationsRangeAggregation };
    expect(price.range.field).toBe("min_price");
    expect(price.range.ranges).toHaveLength(PRICE_BUCKETS.length);
    expect(price.range.ranges?.[0]).toEqual({ key: "0", from: 0, to: 2500 });
    expect(price.range.ranges?.at(-1)).toEqual({ key: String(PRICE_BUCKETS.length - 1), from: 25000 });
  });
});

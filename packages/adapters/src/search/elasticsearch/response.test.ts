import type { estypes } from "@elastic/elasticsearch";
import { describe, expect, it } from "vitest";
import { toSearchResult, toSuggestions } from "./response.js";

const shards = { total: 1, successful: 1, skipped: 0, failed: 0 };
const bucket = (key: string | number, products: number, extra: Record<string, unknown> = {}) => ({
  key,
  doc_count: products * 2,
  products: { value: products },
  ...extra,
});

const cannedSearch = {
  took: 3,
  timed_out: false,
  _shards: shards,
  hits: {
    hits: [
      { _index: "products_v1", _id: "p11:S", _score: 7.5, _source: { product_id: "p11" }, fields: { product_id: ["p11"] } },
      { _index: "products_v1", _id: "p13:M", _score: null, _source: { product_id: "p13" }, fields: { product_id: ["p13"] } },
    ],
  },
  aggregations: {
    total_products: { value: 4 },
    category: { buckets: [bucket("apparel/tops", 4)] },
    brand: { buckets: [bucket("Threadly", 2), bucket("Acme", 1), bucket("threadly", 1)] },
    price: {
      buckets: [
        bucket("0", 3, { from: 0, to: 2500 }),
        bucket("1", 1, { from: 2500, to: 5000 }),
        bucket("2", 0, { from: 5000, to: 10000 }),
        bucket("3", 0, { from: 10000, to: 25000 }),
        bucket("4", 0, { from: 25000 }),
      ],
    },
    in_stock: { buckets: [bucket(1, 3, { key_as_string: "true" }), bucket(0, 1, { key_as_string: "false" })] },
    attributes: {
      buckets: [
        bucket('["colour","blue"]', 3),
        bucket('["size","M"]', 3),
        bucket('["colour","red"]', 2),
        bucket('["Colour","Green"]', 1),
        bucket('["material","cotton"]', 2),
        bucket("not a pair", 9),
      ],
    },
  },
} as unknown as estypes.SearchResponse<{ product_id: string }>;

describe("toSearchResult", () => {
  const result = toSearchResult(cannedSearch);

  it("gives one hit per collapsed product, with its score", () => {
    expect(result.hits).toEqual([
      { productId: "p11", score: 7.5 },
      { productId: "p13", score: 0 },
    ]);
  });

  it("takes the total from the product cardinality, not the variant hits", () => {
    expect(result.total).toBe(4);
  });

  it("counts facets in products and merges spellings that differ only in case", () => {
    expect(result.facets.category).toEqual([{ value: "apparel/tops", count: 4 }]);
    expect(result.facets.brand).toEqual([
      { value: "Threadly", count: 3 },
      { value: "Acme", count: 1 },
    ]);
    expect(result.facets.inStock).toEqual([
      { value: "true", count: 3 },
      { value: "false", count: 1 },
    ]);
  });

  it("lists every price range in order, empty ones at zero", () => {
    expect(result.facets.price).toEqual([
      { from: 0, to: 2500, count: 3 },
      { from: 2500, to: 5000, count: 1 },
      { from: 5000, to: 10000, count: 0 },
      { from: 10000, to: 25000, count: 0 },
      { from: 25000, to: null, count: 0 },
    ]);
  });

  it("groups attribute pairs by name, skipping keys it did not write", () => {
    expect(result.facets.attributes).toEqual({
      colour: [
        { value: "blue", count: 3 },
        { value: "red", count: 2 },
        { value: "Green", count: 1 },
      ],
      size: [{ value: "M", count: 3 }],
      material: [{ value: "cotton", count: 2 }],
    });
  });

  it("answers an empty result when the response carries no aggregations", () => {
    const empty = toSearchResult({ took: 1, timed_out: false, _shards: shards, hits: { hits: [] } });
    expect(empty.total).toBe(0);
    expect(empty.facets.brand).toEqual([]);
    expect(empty.facets.price.map((range) => range.count)).toEqual([0, 0, 0, 0, 0]);
    expect(empty.facets.attributes).toEqual({});
  });
});

describe("toSuggestions", () => {
  it("lists the names in the response's order", () => {
    const response = {
      took: 1,
      timed_out: false,
      _shards: shards,
      hits: {
        hits: [
          { _index: "i", _source: { name: "Speaker Stand" } },
          { _index: "i", _source: { name: "Bluetooth Speaker Mini" } },
          { _index: "i" },
        ],
      },
    } as estypes.SearchResponse<{ name: string }>;
    expect(toSuggestions(response)).toEqual(["Speaker Stand", "Bluetooth Speaker Mini"]);
  });
});

import type { estypes } from "@elastic/elasticsearch";
import type { FacetValue, SearchResult } from "@emporium/domain";
import { PRICE_BUCKETS } from "../price-buckets.js";
import { parseFacetPair } from "./attribute-pairs.js";
import type { VariantDocument } from "./documents.js";

/** A terms or range bucket with the distinct-product count that buildSearchRequest asks for. */
interface ProductBucket {
  readonly key: string | number;
  readonly key_as_string?: string;
  readonly products?: { readonly value: number };
}

interface FacetAggregations {
  readonly total_products?: { readonly value: number };
  readonly category?: { readonly buckets: readonly ProductBucket[] };
  readonly brand?: { readonly buckets: readonly ProductBucket[] };
  readonly price?: { readonly buckets: readonly ProductBucket[] };
  readonly in_stock?: { readonly buckets: readonly ProductBucket[] };
  readonly attributes?: { readonly buckets: readonly ProductBucket[] };
}

/** A search response as the port's result: one hit per product, the product total and per-product facet counts. */
export function toSearchResult(response: estypes.SearchResponse<Partial<Pick<VariantDocument, "product_id">>>): SearchResult {
  const aggregations = (response.aggregations ?? {}) as FacetAggregations;
  const priceBuckets = new Map((aggregations.price?.buckets ?? []).map((bucket) => [String(bucket.key), count(bucket)]));
  return {
    hits: response.hits.hits.flatMap((hit) => {
      const productId = hit._source?.product_id ?? (hit.fields?.["product_id"] as string[] | undefined)?.[0];
      return productId === undefined ? [] : [{ productId, score: hit._score ?? 0 }];
    }),
    total: aggregations.total_products?.value ?? 0,
    facets: {
      category: facetValues(aggregations.category?.buckets ?? []),
      brand: facetValues(aggregations.brand?.buckets ?? []),
      price: PRICE_BUCKETS.map((range, index) => ({ ...range, count: priceBuckets.get(String(index)) ?? 0 })),
      inStock: facetValues(aggregations.in_stock?.buckets ?? []),
      attributes: attributeFacets(aggregations.attributes?.buckets ?? []),
    },
  };
}

/** The names of a suggest response, in its order. */
export function toSuggestions(response: estypes.SearchResponse<Partial<Pick<VariantDocument, "name">>>): string[] {
  return response.hits.hits.flatMap((hit) => (hit._source?.name === undefined ? [] : [hit._source.name]));
}

/**
 * Values that differ only in case are one facet entry, named by the spelling
 * with the most products. Adding their counts is exact: a product's brand is one value, and
 * its attribute pairs are distinct without regard to case (documentFacetValues).
 */
function facetValues(buckets: readonly ProductBucket[]): FacetValue[] {
  const merged = new Map<string, FacetValue>();
  for (const bucket of buckets) {
    const value = bucket.key_as_string ?? String(bucket.key);
    const id = value.toLowerCase();
    const current = merged.get(id);
    merged.set(id, { value: current?.value ?? value, count: (current?.count ?? 0) + count(bucket) });
  }
  return sortFacet([...merged.values()]);
}

function attributeFacets(buckets: readonly ProductBucket[]): Record<string, FacetValue[]> {
  const byName = new Map<string, { name: string; buckets: ProductBucket[] }>();
  for (const bucket of buckets) {
    const pair = parseFacetPair(String(bucket.key));
    if (pair === undefined) continue;
    const id = pair.name.toLowerCase();
    const entry = byName.get(id) ?? { name: pair.name, buckets: [] };
    entry.buckets.push({ key: pair.value, products: { value: count(bucket) } });
    byName.set(id, entry);
  }
  return Object.fromEntries([...byName.values()].map(({ name, buckets: values }) => [name, facetValues(values)]));
}

function count(bucket: ProductBucket): number {
  return bucket.products?.value ?? 0;
}

function sortFacet(list: FacetValue[]): FacetValue[] {
  return list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

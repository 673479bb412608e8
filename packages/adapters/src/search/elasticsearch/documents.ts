import type { estypes } from "@elastic/elasticsearch";
import type { SearchDocument } from "@emporium/domain";
import { documentFacetValues } from "../document-facets.js";
import { documentText } from "../document-text.js";
import { RELEVANCE_BOOSTS } from "../relevance-boost.js";
import { facetPair, filterPair } from "./attribute-pairs.js";

/** What the index stores for one variant SKU (field names as in index-template.ts). */
export interface VariantDocument {
  /** The document's own id again, as a field: `_id` cannot be sorted on, and paging through a product's documents needs a unique key. */
  readonly doc_id: string;
  /** Null only for the one stand-in document of a product without variants, so it can still be found. */
  readonly sku: string | null;
  readonly product_id: string;
  readonly slug: string;
  readonly name: string;
  readonly brand: string | null;
  readonly description: string;
  /** Every category path of the product and all their ancestors: "apparel", "apparel/tops". */
  readonly category_path: string[];
  /** The first category path, the one the category facet counts the product under. */
  readonly primary_category: string | null;
  /** Category names and paths as words, so "apparel" finds what is filed under apparel/tops. */
  readonly category_names: string;
  /** Every attribute and option value of the product. */
  readonly attribute_text: string;
  readonly price: number;
  readonly min_price: number;
  readonly max_price: number;
  readonly in_stock: boolean;
  readonly product_in_stock: boolean;
  readonly options: Record<string, string>;
  readonly attributes: Record<string, string>;
  /** Lower-cased pairs of the product's attributes and this variant's options, for filters. */
  readonly filter_pairs: string[];
  /** The product's distinct attribute and option pairs as written, for facet counts. */
  readonly facet_pairs: string[];
  readonly rating: number;
  readonly sales_count: number;
  /** The popularity factor of ranking, worked out here so no query runs a script per document. */
  readonly popularity: number;
  readonly featured: boolean;
  readonly created_at: string;
}

/** One bulk action with its document (none for a delete). */
export interface BulkOperation {
  readonly action: estypes.BulkOperationContainer;
  readonly document?: VariantDocument;
}

/** The id of a variant's document: unique per product and SKU, so re-indexing a product overwrites in place. */
export function variantDocumentId(productId: string, sku: string | null): string {
  return `${productId}:${sku ?? ""}`;
}

/** The `1 + perDecade × log10(1 + sales)` factor that relevanceBoost multiplies in. */
export function popularityFactor(salesCount: number): number {
  return 1 + RELEVANCE_BOOSTS.popularityPerDecade * Math.log10(1 + Math.max(0, salesCount));
}

/** A product's search document as one index document per variant. */
export function toVariantDocuments(document: SearchDocument): VariantDocument[] {
  const text = documentText(document);
  const paths = document.categoryPaths.map(trimSlashes).filter((path) => path !== "");
  const product = {
    product_id: document.productId,
    slug: document.slug,
    name: document.name,
    brand: document.brand,
    description: document.description,
    category_path: ancestorPaths(paths),
    primary_category: paths[0] ?? null,
    category_names: text.categories,
    attribute_text: text.attributes,
    min_price: document.minPrice,
    max_price: document.maxPrice,
    product_in_stock: document.inStock,
    attributes: { ...document.attributes },
    facet_pairs: documentFacetValues(document).map(({ name, value }) => facetPair(name, value)),
    rating: document.rating,
    sales_count: document.salesCount,
    popularity: popularityFactor(document.salesCount),
    featured: document.featured,
    created_at: new Date(document.createdAt).toISOString(),
  };
  const variants =
    document.variants.length > 0 ? document.variants : [{ sku: null, options: {}, price: document.minPrice, inStock: false }];
  return variants.map((variant) => ({
    ...product,
    doc_id: variantDocumentId(document.productId, variant.sku),
    sku: variant.sku,
    price: variant.price,
    in_stock: variant.inStock,
    options: { ...variant.options },
    filter_pairs: [
      ...new Set(
        [...Object.entries(document.attributes), ...Object.entries(variant.options)].map(([name, value]) => filterPair(name, value)),
      ),
    ],
  }));
}

/** Index (or, with `create`, add only where missing) each document into `target`. */
export function indexOperations(target: string, documents: readonly VariantDocument[], { create = false } = {}): BulkOperation[] {
  return documents.map((document) => {
    const meta = { _index: target, _id: document.doc_id };
    return { action: create ? { create: meta } : { index: meta }, document };
  });
}

export function deleteOperations(target: string, ids: readonly string[]): BulkOperation[] {
  return ids.map((id) => ({ action: { delete: { _index: target, _id: id } } }));
}

/** The newline-delimited bulk body: each action followed by its document. */
export function bulkBody(operations: readonly BulkOperation[]): (estypes.BulkOperationContainer | VariantDocument)[] {
  return operations.flatMap(({ action, document }) => (document === undefined ? [action] : [action, document]));
}

function ancestorPaths(paths: readonly string[]): string[] {
  const result = new Set<string>();
  for (const path of paths) {
    const segments = path.split("/");
    for (let length = 1; length <= segments.length; length += 1) result.add(segments.slice(0, length).join("/"));
  }
  return [...result];
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, "");
}

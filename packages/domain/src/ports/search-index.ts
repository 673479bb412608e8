/** What the search index stores for one product (all its variants folded in). */
export interface SearchDocument {
  readonly productId: string;
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly brand: string | null;
  readonly categoryIds: readonly string[];
  readonly categoryNames: readonly string[];
  readonly categoryPaths: readonly string[];
  readonly attributes: Readonly<Record<string, string>>;
  readonly variants: readonly { sku: string; options: Readonly<Record<string, string>>; price: number; inStock: boolean }[];
  readonly minPrice: number;
  readonly maxPrice: number;
  readonly inStock: boolean;
  readonly featured: boolean;
  readonly rating: number;
  readonly salesCount: number;
  readonly createdAt: Date;
}

export type SearchSort = "relevance" | "price_asc" | "price_desc" | "rating" | "popular" | "newest";

export interface SearchQuery {
  readonly q: string;
  readonly categoryPath?: string;
  readonly brand?: string;
  /** Option or attribute filters, e.g. `{ size: "M" }`. */
  readonly attributes?: Readonly<Record<string, string>>;
  readonly minPrice?: number;
  readonly maxPrice?: number;
  readonly inStock?: boolean;
  readonly sort?: SearchSort;
  readonly page: number;
  readonly limit: number;
}

export interface FacetValue {
  readonly value: string;
  readonly count: number;
}

export interface SearchResult {
  readonly hits: readonly { productId: string; score: number }[];
  readonly total: number;
  readonly facets: {
    readonly category: readonly FacetValue[];
    readonly brand: readonly FacetValue[];
    readonly price: readonly { from: number; to: number | null; count: number }[];
    readonly inStock: readonly FacetValue[];
    readonly attributes: Readonly<Record<string, readonly FacetValue[]>>;
  };
}

export interface SearchIndex {
  index(documents: readonly SearchDocument[]): Promise<void>;
  remove(productIds: readonly string[]): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  suggest(prefix: string, limit: number): Promise<string[]>;
  /** Rebuilds the whole index from `source`; searches keep answering from the old index until it is complete. */
  reindex(source: AsyncIterable<readonly SearchDocument[]>): Promise<{ indexed: number }>;
}

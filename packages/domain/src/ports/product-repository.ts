import type { Product, ProductStatus } from "../catalog/product.js";
import type { ProductSummary } from "../catalog/product-summary.js";
import type { Page, PageRequest } from "./page.js";

export type ProductSort = "newest" | "name" | "price_asc" | "price_desc";

export interface ProductListQuery extends PageRequest {
  readonly status?: ProductStatus;
  /** Products in this category or any of its descendants. */
  readonly categoryId?: string;
  readonly brand?: string;
  /** Minor units, compared with the cheapest variant. */
  readonly minPrice?: number;
  readonly maxPrice?: number;
  readonly featured?: boolean;
  /** true: only products with an active variant available now; false: only those without. */
  readonly inStock?: boolean;
  readonly sort?: ProductSort;
}

export interface ProductRepository {
  findById(id: string): Promise<Product | null>;
  findBySlug(slug: string): Promise<Product | null>;
  /** The products with any of these slugs, each once, in no particular order; unknown slugs are left out. */
  findManyBySlugs(slugs: readonly string[]): Promise<Product[]>;
  findManyByIds(ids: readonly string[]): Promise<Product[]>;
  /** Products owning any of these SKUs, each with all its variants. */
  findManyBySkus(skus: readonly string[]): Promise<Product[]>;
  list(query: ProductListQuery): Promise<Page<Product>>;
  /**
   * `list` as summaries, stock included, read without the products' variants and links: what
   * storefront lists show. Same filters, order and cursors as `list`.
   */
  listSummaries(query: ProductListQuery): Promise<Page<ProductSummary>>;
  /** Summaries of the products with these ids, in the order of `ids`, each once; unknown ids are left out. */
  findSummariesByIds(ids: readonly string[]): Promise<ProductSummary[]>;
  /** Inserts or replaces the product and its variants. */
  save(product: Product): Promise<void>;
  /** `save` for many products (distinct ids, slugs and SKUs) with a few statements in all, not a few per product. */
  saveMany(products: readonly Product[]): Promise<void>;
}

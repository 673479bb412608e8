import type { Product, ProductStatus } from "../catalog/product.js";
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
  readonly sort?: ProductSort;
}

export interface ProductRepository {
  findById(id: string): Promise<Product | null>;
  findBySlug(slug: string): Promise<Product | null>;
  findManyByIds(ids: readonly string[]): Promise<Product[]>;
  /** Products owning any of these SKUs, each with all its variants. */
  findManyBySkus(skus: readonly string[]): Promise<Product[]>;
  list(query: ProductListQuery): Promise<Page<Product>>;
  /** Inserts or replaces the product and its variants. */
  save(product: Product): Promise<void>;
}

import type { ProductStatus } from "../catalog/product.js";
import { err, notFound, ok, type NotFoundError, type Result } from "../errors.js";
import type { Page } from "../ports/page.js";
import type { ProductSort } from "../ports/product-repository.js";
import type { AppDeps } from "./context.js";
import { pageLimit } from "./page-limit.js";
import { summarizeProducts, type ProductSummary } from "./product-summary.js";

export interface ListProductsInput {
  /** Products in this category or any category below it. */
  readonly categorySlug?: string;
  readonly brand?: string;
  /** Minor units, compared with the cheapest variant. */
  readonly minPrice?: number;
  readonly maxPrice?: number;
  /** true: only products with a variant in stock. */
  readonly inStock?: boolean;
  readonly featured?: boolean;
  readonly sort?: ProductSort;
  readonly cursor?: string | null;
  readonly limit?: number;
  /** Admin lists: any status, or the one given. The public sees active products only. */
  readonly includeHidden?: boolean;
  readonly status?: ProductStatus;
}

// Stock filtering happens after the query; bounding the refills keeps a mostly sold-out catalogue from being scanned whole.
const MAX_FETCHES = 5;

/** A page of product summaries, filtered and sorted. A page may hold fewer items than asked even when more follow. */
export class ListProducts {
  constructor(private readonly deps: Pick<AppDeps, "repos">) {}

  async execute(input: ListProductsInput): Promise<Result<Page<ProductSummary>, NotFoundError>> {
    const { repos } = this.deps;
    let categoryId: string | undefined;
    if (input.categorySlug !== undefined) {
      const category = await repos.categories.findBySlug(input.categorySlug);
      if (category === null) return err(notFound("category", input.categorySlug));
      categoryId = category.id;
    }
    const limit = pageLimit(input.limit);
    const status = input.includeHidden === true ? input.status : "active";
    const items: ProductSummary[] = [];
    let cursor = input.cursor ?? null;
    // Each fetch asks only for what is still missing and keeps all it gets, so the repository's cursor stays exact.
    for (let fetches = 0; fetches < MAX_FETCHES; fetches++) {
      const page = await repos.products.list({
        status,
        categoryId,
        brand: input.brand,
        minPrice: input.minPrice,
        maxPrice: input.maxPrice,
        featured: input.featured,
        sort: input.sort,
        cursor,
        limit: limit - items.length,
      });
      const summaries = await summarizeProducts(repos, page.items);
      items.push(...(input.inStock === undefined ? summaries : summaries.filter((s) => s.inStock === input.inStock)));
      cursor = page.nextCursor;
      if (cursor === null || items.length >= limit || input.inStock === undefined) break;
    }
    return ok({ items, nextCursor: cursor });
  }
}

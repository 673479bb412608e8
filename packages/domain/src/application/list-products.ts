import type { ProductStatus } from "../catalog/product.js";
import type { ProductSummary } from "../catalog/product-summary.js";
import { err, notFound, ok, type NotFoundError, type Result } from "../errors.js";
import type { Page } from "../ports/page.js";
import type { ProductSort } from "../ports/product-repository.js";
import type { AppDeps } from "./context.js";
import { pageLimit } from "./page-limit.js";

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

/** A page of product summaries, filtered and sorted. */
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
    const page = await repos.products.listSummaries({
      status: input.includeHidden === true ? input.status : "active",
      categoryId,
      brand: input.brand,
      minPrice: input.minPrice,
      maxPrice: input.maxPrice,
      featured: input.featured,
      inStock: input.inStock,
      sort: input.sort,
      cursor: input.cursor ?? null,
      limit: pageLimit(input.limit),
    });
    return ok(page);
  }
}

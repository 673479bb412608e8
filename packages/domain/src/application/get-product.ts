import { priceRange } from "../catalog/catalog-rules.js";
import type { Category } from "../catalog/category.js";
import type { Product, Variant } from "../catalog/product.js";
import type { ProductSummary } from "../catalog/product-summary.js";
import { err, notFound, ok, type NotFoundError, type Result } from "../errors.js";
import { available } from "../inventory/stock.js";
import type { Repositories } from "../ports/unit-of-work.js";
import type { AppDeps } from "./context.js";

export interface GetProductInput {
  readonly slug: string;
  /** Admin reads: draft and archived products and archived variants are shown too. */
  readonly includeHidden?: boolean;
}

export interface VariantView extends Variant {
  readonly available: number;
  readonly inStock: boolean;
}

/** A product page: the product, its variants with availability, its categories and related products. */
export interface ProductDetail {
  readonly product: Product;
  readonly variants: readonly VariantView[];
  readonly priceRange: { readonly min: number; readonly max: number } | null;
  readonly categories: readonly Category[];
  readonly related: readonly ProductSummary[];
}

export const MAX_RELATED_PRODUCTS = 8;
// How many bought-together products are considered.
const CANDIDATES = 24;
// How many of the primary category's newest products are read first.
const CATEGORY_PAGE = 2 * MAX_RELATED_PRODUCTS;

/**
 * One product by slug. The public sees only active products (anything else is `product.not_found`).
 * Related products are active and in stock: the admin-curated ones first, then those most often
 * bought together with it, then the newest of its primary category, at most 8.
 */
export class GetProduct {
  constructor(private readonly deps: Pick<AppDeps, "repos">) {}

  async execute(input: GetProductInput): Promise<Result<ProductDetail, NotFoundError>> {
    const { repos } = this.deps;
    const product = await repos.products.findBySlug(input.slug);
    if (product === null || (product.status !== "active" && input.includeHidden !== true)) return err(notFound("product", input.slug));

    const shown = product.variants.filter((v) => v.status === "active" || input.includeHidden === true);
    const [categories, together, stock] = await Promise.all([
      repos.categories.findManyByIds(product.categoryIds),
      repos.recommendations.boughtTogether(product.id, CANDIDATES),
      repos.inventory.findManyBySkus(shown.map((v) => v.sku)),
    ]);
    const levels = new Map(stock.map((level) => [level.sku, level]));
    const variants = shown.map((variant): VariantView => {
      const level = levels.get(variant.sku);
      const free = level === undefined ? 0 : Math.max(available(level), 0);
      return { ...variant, available: free, inStock: variant.status === "active" && free > 0 };
    });
    const related = await relatedProducts(repos, product, together);
    return ok({ product, variants, priceRange: priceRange(product), categories, related });
  }
}

/** The curated and bought-together products, then the newest of the primary category: each once, active and in stock. */
async function relatedProducts(repos: Repositories, product: Product, together: readonly string[]): Promise<ProductSummary[]> {
  const seen = new Set([product.id]);
  const related: ProductSummary[] = [];
  const take = (summaries: readonly ProductSummary[]) => {
    for (const summary of summaries) {
      if (related.length === MAX_RELATED_PRODUCTS) return;
      if (summary.status !== "active" || !summary.inStock || seen.has(summary.id)) continue;
      seen.add(summary.id);
      related.push(summary);
    }
  };
  take(await repos.products.findSummariesByIds([...product.relatedProductIds, ...together]));
  const primary = product.categoryIds[0];
  if (related.length === MAX_RELATED_PRODUCTS || primary === undefined) return related;
  // Most of a category is in stock, so its newest page usually fills the list; asking the store to
  // filter by stock costs more, and is left for a category whose newest products are sold out.
  const newest = await repos.products.listSummaries({ categoryId: primary, status: "active", limit: CATEGORY_PAGE });
  take(newest.items);
  if (related.length < MAX_RELATED_PRODUCTS && newest.nextCursor !== null) {
    const further = await repos.products.listSummaries({
      categoryId: primary,
      status: "active",
      inStock: true,
      cursor: newest.nextCursor,
      // Those already seen may be among them, and are skipped.
      limit: MAX_RELATED_PRODUCTS - related.length + seen.size,
    });
    take(further.items);
  }
  return related;
}

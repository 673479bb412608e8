import { priceRange } from "../catalog/catalog-rules.js";
import type { Category } from "../catalog/category.js";
import type { Product, Variant } from "../catalog/product.js";
import { err, notFound, ok, type NotFoundError, type Result } from "../errors.js";
import { available } from "../inventory/stock.js";
import type { AppDeps } from "./context.js";
import { summarizeProducts, type ProductSummary } from "./product-summary.js";

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
// How many bought-together and primary-category products are considered to fill up the related list.
const CANDIDATES = 24;

/**
 * One product by slug. The public sees only active products (anything else is `product.not_found`).
 * Related products are active and in stock: the admin-curated ones first, then those most often
 * bought together with it, then others from the primary category, at most 8.
 */
export class GetProduct {
  constructor(private readonly deps: Pick<AppDeps, "repos">) {}

  async execute(input: GetProductInput): Promise<Result<ProductDetail, NotFoundError>> {
    const { repos } = this.deps;
    const product = await repos.products.findBySlug(input.slug);
    if (product === null || (product.status !== "active" && input.includeHidden !== true)) return err(notFound("product", input.slug));

    const shown = product.variants.filter((v) => v.status === "active" || input.includeHidden === true);
    const levels = new Map((await repos.inventory.findManyBySkus(shown.map((v) => v.sku))).map((l) => [l.sku, l]));
    const variants = shown.map((variant): VariantView => {
      const level = levels.get(variant.sku);
      const free = level === undefined ? 0 : Math.max(available(level), 0);
      return { ...variant, available: free, inStock: variant.status === "active" && free > 0 };
    });
    const categories = (await Promise.all(product.categoryIds.map((id) => repos.categories.findById(id)))).filter(
      (c): c is Category => c !== null,
    );
    return ok({ product, variants, priceRange: priceRange(product), categories, related: await this.related(product) });
  }

  private async related(product: Product): Promise<ProductSummary[]> {
    const { repos } = this.deps;
    const together = await repos.recommendations.boughtTogether(product.id, CANDIDATES);
    const ids = [...product.relatedProductIds, ...together];
    const byId = new Map((await repos.products.findManyByIds(ids)).map((p) => [p.id, p]));
    const candidates = ids.flatMap((id) => byId.get(id) ?? []);
    const primary = product.categoryIds[0];
    if (primary !== undefined) {
      candidates.push(...(await repos.products.list({ categoryId: primary, status: "active", limit: CANDIDATES })).items);
    }
    const seen = new Set([product.id]);
    const unique = candidates.filter((p) => p.status === "active" && !seen.has(p.id) && seen.add(p.id));
    const summaries = await summarizeProducts(repos, unique);
    return summaries.filter((s) => s.inStock).slice(0, MAX_RELATED_PRODUCTS);
  }
}

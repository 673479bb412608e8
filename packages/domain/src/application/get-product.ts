import { priceRange } from "../catalog/catalog-rules.js";
import type { Category } from "../catalog/category.js";
import type { Product, Variant } from "../catalog/product.js";
import { err, notFound, ok, type NotFoundError, type Result } from "../errors.js";
import { available, type StockLevel } from "../inventory/stock.js";
import type { Repositories } from "../ports/unit-of-work.js";
import type { AppDeps } from "./context.js";
import { summarizeProducts, toProductSummary, type ProductSummary } from "./product-summary.js";

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
    const [categories, together] = await Promise.all([
      repos.categories.findManyByIds(product.categoryIds),
      repos.recommendations.boughtTogether(product.id, CANDIDATES),
    ]);
    const related = new RelatedProducts(repos, product);
    const candidates = await related.firstCandidates(together);
    // The product's own stock and its first candidates' in one read.
    const skus = [...shown.map((v) => v.sku), ...candidates.flatMap((p) => activeSkus(p))];
    const levels = new Map((await repos.inventory.findManyBySkus(skus)).map((l) => [l.sku, l]));
    const variants = shown.map((variant): VariantView => {
      const level = levels.get(variant.sku);
      const free = level === undefined ? 0 : Math.max(available(level), 0);
      return { ...variant, available: free, inStock: variant.status === "active" && free > 0 };
    });
    return ok({ product, variants, priceRange: priceRange(product), categories, related: await related.complete(candidates, levels) });
  }
}

/**
 * Candidates in order: the admin-curated products, those bought together with it, then the newest of
 * its primary category (at most CANDIDATES of those). Each is taken once, active ones only, and the
 * first MAX_RELATED_PRODUCTS in stock win; the category is read a page at a time, only as far as needed.
 */
class RelatedProducts {
  private readonly seen: Set<string>;
  private readonly primary: string | undefined;
  private cursor: string | null = null;
  private fetched = 0;
  private exhausted: boolean;

  constructor(
    private readonly repos: Repositories,
    private readonly product: Product,
  ) {
    this.seen = new Set([product.id]);
    this.primary = product.categoryIds[0];
    this.exhausted = this.primary === undefined;
  }

  /** The curated and bought-together candidates, and enough of the category to fill the list if all are in stock. */
  async firstCandidates(together: readonly string[]): Promise<Product[]> {
    const ids = [...this.product.relatedProductIds, ...together];
    const byId = new Map((await this.repos.products.findManyByIds(ids)).map((p) => [p.id, p]));
    const candidates = this.fresh(ids.flatMap((id) => byId.get(id) ?? []));
    // One more than missing: the product itself may be among them.
    if (candidates.length < MAX_RELATED_PRODUCTS)
      candidates.push(...(await this.fromCategory(MAX_RELATED_PRODUCTS - candidates.length + 1)));
    return candidates;
  }

  /** The related list from the first candidates and their stock, reading further into the category while short. */
  async complete(candidates: readonly Product[], levels: ReadonlyMap<string, StockLevel>): Promise<ProductSummary[]> {
    const related = candidates.map((p) => toProductSummary(p, levels)).filter((s) => s.inStock);
    while (related.length < MAX_RELATED_PRODUCTS && !this.exhausted) {
      const more = await this.fromCategory(MAX_RELATED_PRODUCTS - related.length + 1);
      related.push(...(await summarizeProducts(this.repos, more)).filter((s) => s.inStock));
    }
    return related.slice(0, MAX_RELATED_PRODUCTS);
  }

  private async fromCategory(wanted: number): Promise<Product[]> {
    if (this.exhausted || this.primary === undefined) return [];
    // Each further page at least doubles what was read, so a mostly sold-out category costs a few pages, not one per product.
    const limit = Math.min(Math.max(wanted, this.fetched), CANDIDATES - this.fetched);
    const page = await this.repos.products.list({ categoryId: this.primary, status: "active", limit, cursor: this.cursor });
    this.fetched += page.items.length;
    this.cursor = page.nextCursor;
    this.exhausted = this.cursor === null || this.fetched >= CANDIDATES;
    return this.fresh(page.items);
  }

  private fresh(products: readonly Product[]): Product[] {
    return products.filter((p) => p.status === "active" && !this.seen.has(p.id) && this.seen.add(p.id));
  }
}

const activeSkus = (product: Product): string[] => product.variants.filter((v) => v.status === "active").map((v) => v.sku);

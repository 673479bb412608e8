import {
  toProductSummary,
  type Page,
  type Product,
  type ProductListQuery,
  type ProductRepository,
  type ProductSummary,
} from "@emporium/domain";
import { copy, type MemoryState } from "./memory-state.js";
import { paginate, type Ordering } from "./memory-page.js";
import type { StateAccess } from "./memory-store.js";

export class InMemoryProductRepository implements ProductRepository {
  constructor(private readonly access: StateAccess) {}

  async findById(id: string): Promise<Product | null> {
    const product = this.access.read().products.get(id);
    return product === undefined ? null : copy(product);
  }

  async findBySlug(slug: string): Promise<Product | null> {
    const product = [...this.access.read().products.values()].find((p) => p.slug === slug);
    return product === undefined ? null : copy(product);
  }

  async findManyBySlugs(slugs: readonly string[]): Promise<Product[]> {
    const wanted = new Set(slugs);
    return [...this.access.read().products.values()].filter((p) => wanted.has(p.slug)).map(copy);
  }

  async findManyByIds(ids: readonly string[]): Promise<Product[]> {
    const products = this.access.read().products;
    return [...new Set(ids)].flatMap((id) => {
      const product = products.get(id);
      return product === undefined ? [] : [copy(product)];
    });
  }

  async findManyBySkus(skus: readonly string[]): Promise<Product[]> {
    const wanted = new Set(skus);
    return [...this.access.read().products.values()].filter((p) => p.variants.some((v) => wanted.has(v.sku))).map(copy);
  }

  async list(query: ProductListQuery): Promise<Page<Product>> {
    const page = paginate(this.matching(query), ORDERINGS[query.sort ?? "newest"], query);
    return { items: page.items.map(copy), nextCursor: page.nextCursor };
  }

  async listSummaries(query: ProductListQuery): Promise<Page<ProductSummary>> {
    const page = paginate(this.matching(query), ORDERINGS[query.sort ?? "newest"], query);
    const stock = this.access.read().stock;
    return { items: page.items.map((product) => toProductSummary(product, stock)), nextCursor: page.nextCursor };
  }

  async findSummariesByIds(ids: readonly string[]): Promise<ProductSummary[]> {
    const { products, stock } = this.access.read();
    return [...new Set(ids)].flatMap((id) => {
      const product = products.get(id);
      return product === undefined ? [] : [toProductSummary(product, stock)];
    });
  }

  private matching(query: ProductListQuery): Product[] {
    const state = this.access.read();
    const categories = query.categoryId === undefined ? null : subtreeIds(state, query.categoryId);
    return [...state.products.values()].filter((p) => {
      if (query.status !== undefined && p.status !== query.status) return false;
      if (categories !== null && !p.categoryIds.some((id) => categories.has(id))) return false;
      if (query.brand !== undefined && p.brand !== query.brand) return false;
      if (query.featured !== undefined && p.featured !== query.featured) return false;
      const price = minPrice(p);
      if (query.minPrice !== undefined && price < query.minPrice) return false;
      if (query.maxPrice !== undefined && price > query.maxPrice) return false;
      if (query.inStock !== undefined && toProductSummary(p, state.stock).inStock !== query.inStock) return false;
      return true;
    });
  }

  async save(product: Product): Promise<void> {
    await this.access.write((state) => {
      for (const other of state.products.values()) {
        if (other.id === product.id) continue;
        if (other.slug === product.slug) throw new Error(`unique constraint: product slug ${product.slug} is taken`);
        const clash = other.variants.find((v) => product.variants.some((mine) => mine.sku === v.sku));
        if (clash !== undefined) throw new Error(`unique constraint: sku ${clash.sku} belongs to product ${other.id}`);
      }
      state.products.set(product.id, copy(product));
    });
  }

  async saveMany(products: readonly Product[]): Promise<void> {
    if (products.length === 0) return;
    await this.access.write((state) => {
      const slugOwner = new Map<string, string>();
      const skuOwner = new Map<string, string>();
      for (const stored of state.products.values()) {
        slugOwner.set(stored.slug, stored.id);
        for (const variant of stored.variants) skuOwner.set(variant.sku, stored.id);
      }
      for (const product of products) {
        const slugHolder = slugOwner.get(product.slug);
        if (slugHolder !== undefined && slugHolder !== product.id)
          throw new Error(`unique constraint: product slug ${product.slug} is taken`);
        slugOwner.set(product.slug, product.id);
        for (const variant of product.variants) {
          const owner = skuOwner.get(variant.sku);
          if (owner !== undefined && owner !== product.id)
            throw new Error(`unique constraint: sku ${variant.sku} belongs to product ${owner}`);
        }
      }
      for (const product of products) state.products.set(product.id, copy(product));
    });
  }
}

const ORDERINGS: Record<NonNullable<ProductListQuery["sort"]>, Ordering<Product>> = {
  newest: { key: (p) => [p.createdAt.getTime(), p.id], descending: [true, true] },
  name: { key: (p) => [p.name.toLowerCase(), p.id], descending: [false, false] },
  price_asc: { key: (p) => [minPrice(p), p.id], descending: [false, false] },
  price_desc: { key: (p) => [minPrice(p), p.id], descending: [true, false] },
};

// The shop shows "from" the cheapest variant a customer can buy; archived variants count only when nothing else is left.
function minPrice(product: Product): number {
  const active = product.variants.filter((v) => v.status === "active");
  const prices = (active.length > 0 ? active : product.variants).map((v) => v.price);
  return prices.length === 0 ? 0 : Math.min(...prices);
}

function subtreeIds(state: MemoryState, categoryId: string): Set<string> {
  const root = state.categories.get(categoryId);
  if (root === undefined) return new Set([categoryId]);
  const ids = new Set([root.id]);
  for (const category of state.categories.values()) {
    if (category.path.startsWith(`${root.path}/`)) ids.add(category.id);
  }
  return ids;
}

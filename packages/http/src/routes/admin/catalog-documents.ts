import { toSearchDocument, type SalesCounter } from "@emporium/adapters";
import type { Repositories, SearchDocument } from "@emporium/domain";

export interface CatalogDocumentsOptions {
  /** On the primary, so the index is built from the latest writes. */
  readonly repos: Pick<Repositories, "products" | "categories" | "inventory">;
  readonly sales: SalesCounter;
  readonly batchSize?: number;
}

/**
 * The search documents of every active product, one batch per page of products, read as the
 * rebuild consumes them so the catalogue is never held in memory whole.
 */
export async function* catalogDocuments({ repos, sales, batchSize = 200 }: CatalogDocumentsOptions): AsyncGenerator<SearchDocument[]> {
  const categories = await repos.categories.findAll();
  let cursor: string | null = null;
  do {
    const page = await repos.products.list({ status: "active", limit: batchSize, cursor });
    if (page.items.length > 0) {
      const skus = page.items.flatMap((product) => product.variants.map((variant) => variant.sku));
      const [levels, sold] = await Promise.all([
        repos.inventory.findManyBySkus(skus),
        sales.count(page.items.map((product) => product.id)),
      ]);
      yield page.items.map((product) => toSearchDocument(product, categories, levels, sold.get(product.id) ?? 0));
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
}

import type { DomainEvent, Repositories, SearchIndex } from "@emporium/domain";
import { toSearchDocument } from "../search/search-document.js";
import type { EventHandlerMap } from "./event-handler-map.js";
import { KeyedBatch } from "./keyed-batch.js";
import type { SalesCounter } from "./kysely-sales-counter.js";

export interface SearchIndexerDeps {
  /** On the primary: the indexer must see the write that raised the event. */
  readonly repos: Pick<Repositories, "products" | "categories" | "inventory" | "orders">;
  readonly search: SearchIndex;
  readonly sales: SalesCounter;
}

/**
 * Keeps the search index in step with the catalogue. Each event names products; the indexer
 * rebuilds their documents from the current state (active → indexed, draft, archived or gone →
 * removed). Rebuilding from the current state makes a handler idempotent and indifferent to the
 * order events arrive in, so it needs no processed-events record. Events delivered together share
 * one rebuild (KeyedBatch): a burst of paid orders reads the categories and writes the index once.
 */
export class SearchIndexer {
  private readonly batch: KeyedBatch<string>;

  constructor(private readonly deps: SearchIndexerDeps) {
    this.batch = new KeyedBatch((productIds) => this.rebuild(productIds));
  }

  handlers(): EventHandlerMap {
    return {
      "product.changed": (event) => this.refresh(productIdsOf(event)),
      "stock.changed": async (event) => {
        const sku = event.payload["sku"];
        if (typeof sku !== "string" || !mayChangeInStock(event)) return;
        const products = await this.deps.repos.products.findManyBySkus([sku]);
        await this.refresh(products.map((product) => product.id));
      },
      "order.paid": async (event) => {
        const { orderId, productIds } = event.payload;
        // Events written before they named their products read the order.
        if (Array.isArray(productIds)) return this.refresh(productIds.filter((id): id is string => typeof id === "string"));
        if (typeof orderId !== "string") return;
        const order = await this.deps.repos.orders.findById(orderId);
        if (order === null) return;
        await this.refresh([...new Set(order.lines.map((line) => line.productId))]);
      },
    };
  }

  /** Rebuilds the documents of these products, or removes those that must not be found. */
  refresh(productIds: readonly string[]): Promise<void> {
    return this.batch.request(productIds);
  }

  private async rebuild(productIds: readonly string[]): Promise<void> {
    const { repos, search, sales } = this.deps;
    const products = await repos.products.findManyByIds(productIds);
    const active = products.filter((product) => product.status === "active");
    const activeIds = new Set(active.map((product) => product.id));
    const hidden = productIds.filter((id) => !activeIds.has(id));
    if (active.length > 0) {
      const [categories, levels, sold] = await Promise.all([
        repos.categories.findAll(),
        repos.inventory.findManyBySkus(active.flatMap((product) => product.variants.map((variant) => variant.sku))),
        sales.count([...activeIds]),
      ]);
      await search.index(active.map((product) => toSearchDocument(product, categories, levels, sold.get(product.id) ?? 0)));
    }
    if (hidden.length > 0) await search.remove(hidden);
  }
}

/**
 * A document holds only whether each variant is in stock, so a stock change matters to search
 * only when it crosses zero. An event without the previous figure (written before it was
 * recorded) is assumed to matter.
 */
function mayChangeInStock(event: DomainEvent): boolean {
  const { available, previousAvailable } = event.payload;
  if (typeof available !== "number" || typeof previousAvailable !== "number") return true;
  return available > 0 !== previousAvailable > 0;
}

// `product.changed` names one product, or every product of an edited category.
function productIdsOf(event: DomainEvent): string[] {
  const { productId, productIds } = event.payload;
  if (typeof productId === "string") return [productId];
  if (Array.isArray(productIds)) return productIds.filter((id): id is string => typeof id === "string");
  return [];
}

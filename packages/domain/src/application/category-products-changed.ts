import { createEvent } from "../events/create-event.js";
import type { Repositories } from "../ports/unit-of-work.js";
import type { AppDeps } from "./context.js";

/**
 * A category edit changes what the search index holds for the products filed under it (category
 * names and paths). When the category or its subtree holds any product, one `product.changed`
 * event with payload `{ categoryId, productIds }` names them all, so a consumer can refresh them
 * even after the category is gone; an empty category writes no event.
 */
export async function announceCategoryProductsChanged(
  tx: Repositories,
  deps: Pick<AppDeps, "ids" | "clock">,
  categoryId: string,
): Promise<string[]> {
  const productIds: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await tx.products.list({ categoryId, limit: 100, cursor });
    productIds.push(...page.items.map((p) => p.id));
    cursor = page.nextCursor;
  } while (cursor !== null);
  if (productIds.length > 0) {
    await tx.outbox.append([createEvent("product.changed", { categoryId, productIds }, { id: deps.ids.next(), now: deps.clock.now() })]);
  }
  return productIds;
}

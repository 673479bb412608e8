import type { Product } from "../catalog/product.js";
import { createEvent } from "../events/create-event.js";
import type { DomainEvent } from "../events/domain-event.js";
import type { Repositories } from "../ports/unit-of-work.js";
import type { AppDeps } from "./context.js";

/** Appends `product.changed` `{ productId, slug, status }`: the search index and caches refresh from it. */
export async function announceProductChanged(
  tx: Pick<Repositories, "outbox">,
  deps: Pick<AppDeps, "ids" | "clock">,
  product: Product,
): Promise<void> {
  await tx.outbox.append([productChangedEvent(deps, product)]);
}

/** The `product.changed` event of `product`, for a caller that appends many events at once. */
export function productChangedEvent(deps: Pick<AppDeps, "ids" | "clock">, product: Product): DomainEvent {
  return createEvent(
    "product.changed",
    { productId: product.id, slug: product.slug, status: product.status },
    { id: deps.ids.next(), now: deps.clock.now() },
  );
}

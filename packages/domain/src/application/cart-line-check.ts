import { notFound, type NotFoundError, type StockInsufficientError } from "../errors.js";
import { stockInsufficient } from "../inventory/reservation.js";
import type { Repositories } from "../ports/unit-of-work.js";
import { availableForSale, isForSale, loadCartCatalog, type CartCatalog } from "./cart-pricing.js";

/**
 * Whether `quantity` units of `sku` may sit in a cart line: the SKU must be for sale
 * (`variant.not_found` otherwise) and that many must be available now (`stock.insufficient`).
 * Nothing is reserved; checkout reserves and checks again.
 */
export async function checkCartLine(
  tx: Pick<Repositories, "inventory">,
  sku: string,
  quantity: number,
): Promise<NotFoundError | StockInsufficientError | null> {
  return cartLineProblem(await loadCartCatalog(tx, [sku]), sku, quantity);
}

/** `checkCartLine` against a catalogue already loaded for `sku` (by `loadCartCatalog`). */
export function cartLineProblem(catalog: CartCatalog, sku: string, quantity: number): NotFoundError | StockInsufficientError | null {
  const item = catalog.bySku.get(sku);
  if (item === undefined || !isForSale(item)) return notFound("variant", sku);
  const free = availableForSale(item);
  return quantity > free ? stockInsufficient([{ sku, requested: quantity, available: free }]) : null;
}

import { isPurchasable } from "../catalog/catalog-rules.js";
import { notFound, type NotFoundError, type StockInsufficientError } from "../errors.js";
import { shortfalls, stockInsufficient } from "../inventory/reservation.js";
import type { Repositories } from "../ports/unit-of-work.js";

/**
 * Whether `quantity` units of `sku` may sit in a cart line: the SKU must be for sale
 * (`variant.not_found` otherwise) and that many must be available now (`stock.insufficient`).
 * Nothing is reserved; checkout reserves and checks again.
 */
export async function checkCartLine(
  tx: Pick<Repositories, "products" | "inventory">,
  sku: string,
  quantity: number,
): Promise<NotFoundError | StockInsufficientError | null> {
  const [product] = await tx.products.findManyBySkus([sku]);
  if (product === undefined || !isPurchasable(product, sku)) return notFound("variant", sku);
  const missing = shortfalls(await tx.inventory.findManyBySkus([sku]), [{ sku, quantity }]);
  return missing.length > 0 ? stockInsufficient(missing) : null;
}

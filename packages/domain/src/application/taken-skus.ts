import type { Product } from "../catalog/product.js";
import type { Repositories } from "../ports/unit-of-work.js";

/** SKUs of `product` that already belong to another product. */
export async function takenSkus(tx: Pick<Repositories, "products">, product: Product): Promise<string[]> {
  const mine = new Set(product.variants.map((v) => v.sku));
  const owners = await tx.products.findManyBySkus([...mine]);
  return owners.filter((p) => p.id !== product.id).flatMap((p) => p.variants.filter((v) => mine.has(v.sku)).map((v) => v.sku));
}

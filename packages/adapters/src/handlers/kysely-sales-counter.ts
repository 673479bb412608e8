import type { Kysely } from "kysely";
import type { OrderStatus } from "@emporium/domain";
import type { Database } from "../sql/database.js";

/** Units sold per product, for the search index's popularity ranking. */
export interface SalesCounter {
  /** Every id of `productIds` is a key of the result (0 when never sold). */
  count(productIds: readonly string[]): Promise<Map<string, number>>;
}

// A sale counts once paid, and stops counting when the order is refunded or cancelled.
const SOLD: readonly OrderStatus[] = ["paid", "shipped", "delivered"];

/** Sums order lines of sold orders (uses the order_lines(product_id) index). */
export class KyselySalesCounter implements SalesCounter {
  constructor(private readonly db: Kysely<Database>) {}

  async count(productIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map(productIds.map((id) => [id, 0]));
    if (productIds.length === 0) return counts;
    const rows = await this.db
      .selectFrom("order_lines")
      .innerJoin("orders", "orders.id", "order_lines.order_id")
      .select((eb) => ["order_lines.product_id as productId", eb.fn.sum<number>("order_lines.quantity").as("sold")])
      .where("order_lines.product_id", "in", [...productIds])
      .where("orders.status", "in", [...SOLD])
      .groupBy("order_lines.product_id")
      .execute();
    for (const row of rows) counts.set(row.productId, Number(row.sold));
    return counts;
  }
}

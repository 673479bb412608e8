import type { Kysely } from "kysely";
import type { Database } from "./database.js";
import type { KyselyProcessedEvents } from "./kysely-processed-events.js";

const REACHED_PAID = ["paid", "shipped", "delivered", "refunded"];

/** Writes `product_pairs`, which KyselyRecommendationRepository reads. */
export class KyselyProductPairs {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly processedEvents: KyselyProcessedEvents,
  ) {}

  /**
   * Counts one more order for every pair of distinct products of `orderId`, once per
   * (consumer, event id): the increment and the processed-event record share a transaction.
   * True when this call counted the order. An order that was never paid counts for nothing.
   */
  async recordOrder(consumer: string, eventId: string, orderId: string, now: Date): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      if (!(await this.processedEvents.tryRecord(trx, consumer, eventId, now))) return false;
      const lines = await trx
        .selectFrom("order_lines")
        .innerJoin("orders", "orders.id", "order_lines.order_id")
        .select("order_lines.product_id")
        .distinct()
        .where("order_lines.order_id", "=", orderId)
        .where("orders.status", "in", REACHED_PAID)
        .execute();
      // Sorted, so concurrent orders lock the same rows in the same order and never deadlock.
      const products = lines.map((line) => line.product_id).sort();
      const pairs = products.flatMap((product) => products.filter((other) => other !== product).map((other) => ({ product, other })));
      for (const { product, other } of pairs) {
        await trx
          .insertInto("product_pairs")
          .values({ product_id: product, other_id: other, orders: 1 })
          .onConflict((oc) => oc.columns(["product_id", "other_id"]).doUpdateSet((eb) => ({ orders: eb("product_pairs.orders", "+", 1) })))
          .execute();
      }
      return true;
    });
  }
}

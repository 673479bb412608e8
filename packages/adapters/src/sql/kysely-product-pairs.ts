import type { Kysely } from "kysely";
import { chunks } from "./chunks.js";
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
    return (await this.recordOrders(consumer, [{ eventId, orderId }], now)).has(eventId);
  }

  /**
   * `recordOrder` for many events in one transaction, with one statement per step whatever the
   * number of orders. Returns the ids of the events this call counted.
   */
  async recordOrders(consumer: string, events: readonly PaidOrderEvent[], now: Date): Promise<Set<string>> {
    const byEvent = new Map(events.map((event) => [event.eventId, event.orderId]));
    if (byEvent.size === 0) return new Set();
    return this.db.transaction().execute(async (trx) => {
      const fresh = await this.processedEvents.tryRecordMany(trx, consumer, [...byEvent.keys()], now);
      if (fresh.size === 0) return fresh;
      const orderIds = [...new Set([...fresh].map((eventId) => byEvent.get(eventId)!))];
      const productsByOrder = new Map<string, string[]>();
      for (const run of chunks(orderIds, 1000)) {
        const lines = await trx
          .selectFrom("order_lines")
          .innerJoin("orders", "orders.id", "order_lines.order_id")
          .select(["order_lines.order_id", "order_lines.product_id"])
          .distinct()
          .where("order_lines.order_id", "in", run)
          .where("orders.status", "in", REACHED_PAID)
          .execute();
        for (const line of lines) productsByOrder.set(line.order_id, [...(productsByOrder.get(line.order_id) ?? []), line.product_id]);
      }
      const counts = new Map<string, { product_id: string; other_id: string; orders: number }>();
      for (const eventId of fresh) {
        const products = productsByOrder.get(byEvent.get(eventId)!) ?? [];
        for (const product of products)
          for (const other of products) {
            if (other === product) continue;
            const key = `${product}\u0000${other}`;
            const entry = counts.get(key) ?? { product_id: product, other_id: other, orders: 0 };
            entry.orders += 1;
            counts.set(key, entry);
          }
      }
      // Sorted, so concurrent batches lock the same rows in the same order and never deadlock.
      const rows = [...counts.values()].sort((a, b) => compare(a.product_id, b.product_id) || compare(a.other_id, b.other_id));
      for (const run of chunks(rows, 1000)) {
        await trx
          .insertInto("product_pairs")
          .values(run)
          .onConflict((oc) =>
            oc.columns(["product_id", "other_id"]).doUpdateSet((eb) => ({ orders: eb("product_pairs.orders", "+", eb.ref("excluded.orders")) })),
          )
          .execute();
      }
      return fresh;
    });
  }
}

/** A paid order's event, as the recommendations consumer records it. */
export interface PaidOrderEvent {
  readonly eventId: string;
  readonly orderId: string;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

import { sql, type Kysely, type Migration } from "kysely";
import type { SqlDialect } from "../database.js";

/**
 * `product_pairs`: for each pair of products bought in one paid order, how many orders had
 * both, stored in both directions so a product's partners are one index range. Filled here from
 * the orders already paid; the `recommendations.update` consumer adds each newly paid order.
 */
export const recommendations = (_dialect: SqlDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("product_pairs")
      .addColumn("product_id", "text", (c) => c.notNull().references("products.id").onDelete("cascade"))
      .addColumn("other_id", "text", (c) => c.notNull().references("products.id").onDelete("cascade"))
      .addColumn("orders", "integer", (c) => c.notNull().check(sql`orders > 0`))
      .addPrimaryKeyConstraint("product_pairs_pk", ["product_id", "other_id"])
      .addCheckConstraint("product_pairs_distinct", sql`product_id <> other_id`)
      .execute();
    await db.schema.createIndex("product_pairs_rank").on("product_pairs").columns(["product_id", "orders", "other_id"]).execute();
    await sql`
      insert into product_pairs (product_id, other_id, orders)
      select a.product_id, b.product_id, count(distinct a.order_id)
      from order_lines a
      join order_lines b on b.order_id = a.order_id and b.product_id <> a.product_id
      join orders o on o.id = a.order_id
      where o.status in ('paid', 'shipped', 'delivered', 'refunded')
      group by a.product_id, b.product_id`.execute(db);
    // The paid orders counted above must not be counted again when their order.paid events
    // (still in the outbox, or recorded by the consumer's stand-in) reach the consumer.
    await sql`
      insert into processed_events (consumer, event_id, processed_at)
      select 'recommendations.update', id, ${new Date().toISOString()} from outbox where type = 'order.paid'
      on conflict (consumer, event_id) do nothing`.execute(db);
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("product_pairs").execute();
  },
});

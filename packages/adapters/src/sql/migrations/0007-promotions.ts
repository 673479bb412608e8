import { sql, type Kysely, type Migration } from "kysely";
import type { SqlDialect } from "../database.js";
import { columnTypes } from "./column-types.js";

/** Coupons and who redeemed them. */
export const promotions = (dialect: SqlDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("promotions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("code", "text", (c) => c.notNull())
      .addColumn("code_key", "text", (c) => c.notNull().unique())
      .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('percent_off', 'fixed_off', 'free_shipping')`))
      .addColumn("value", "bigint", (c) => c.notNull().check(sql`value >= 0`))
      .addColumn("min_subtotal", "bigint", (c) => c.notNull().check(sql`min_subtotal >= 0`))
      .addColumn("starts_at", t.timestamp)
      .addColumn("ends_at", t.timestamp)
      .addColumn("usage_limit", "integer", (c) => c.check(sql`usage_limit >= 0`))
      .addColumn("per_customer_limit", "integer", (c) => c.check(sql`per_customer_limit >= 0`))
      .addColumn("times_used", "integer", (c) => c.notNull().check(sql`times_used >= 0`))
      .addColumn("active", t.flag, (c) => c.notNull())
      .addColumn("created_at", t.timestamp, (c) => c.notNull())
      .addCheckConstraint("promotions_within_limit", sql`usage_limit is null or times_used <= usage_limit`)
      .execute();
    await db.schema.createIndex("promotions_created").on("promotions").columns(["created_at", "id"]).execute();

    await db.schema
      .createTable("promotion_redemptions")
      .addColumn("promotion_id", "text", (c) => c.notNull().references("promotions.id").onDelete("cascade"))
      .addColumn("order_id", "text", (c) => c.notNull())
      .addColumn("customer_id", "text", (c) => c.notNull().references("customers.id").onDelete("cascade"))
      .addColumn("at", t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint("promotion_redemptions_pk", ["promotion_id", "order_id"])
      // Checkout may redeem before it writes the order; the link is checked at commit.
      .addForeignKeyConstraint("promotion_redemptions_order_fk", ["order_id"], "orders", ["id"], (fk) =>
        fk.deferrable().initiallyDeferred(),
      )
      .execute();
    await db.schema
      .createIndex("promotion_redemptions_customer")
      .on("promotion_redemptions")
      .columns(["promotion_id", "customer_id"])
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("promotion_redemptions").execute();
    await db.schema.dropTable("promotions").execute();
  },
});

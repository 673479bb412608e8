import { sql, type Kysely, type Migration } from "kysely";
import type { SqlDialect } from "../database.js";
import { columnTypes } from "./column-types.js";

/** Product reviews: one per customer per product. */
export const reviews = (dialect: SqlDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("reviews")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("product_id", "text", (c) => c.notNull().references("products.id").onDelete("cascade"))
      .addColumn("customer_id", "text", (c) => c.notNull().references("customers.id").onDelete("cascade"))
      .addColumn("author_name", "text", (c) => c.notNull())
      .addColumn("rating", "integer", (c) => c.notNull().check(sql`rating between 1 and 5`))
      .addColumn("title", "text")
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("verified_purchase", t.flag, (c) => c.notNull())
      .addColumn("hidden", t.flag, (c) => c.notNull())
      .addColumn("created_at", t.timestamp, (c) => c.notNull())
      .addColumn("updated_at", t.timestamp, (c) => c.notNull())
      .addUniqueConstraint("reviews_product_customer", ["product_id", "customer_id"])
      .execute();
    await db.schema.createIndex("reviews_product_created").on("reviews").columns(["product_id", "created_at", "id"]).execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("reviews").execute();
  },
});

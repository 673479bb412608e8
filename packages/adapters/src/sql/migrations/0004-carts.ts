import { sql, type Kysely, type Migration } from "kysely";
import type { SqlDialect } from "../database.js";
import { columnTypes } from "./column-types.js";

/** Carts: one per customer, or a guest's by token. */
export const carts = (dialect: SqlDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("carts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("customer_id", "text", (c) => c.unique().references("customers.id").onDelete("cascade"))
      .addColumn("token", "text", (c) => c.unique())
      .addColumn("coupon_code", "text")
      .addColumn("created_at", t.timestamp, (c) => c.notNull())
      .addColumn("updated_at", t.timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("cart_lines")
      .addColumn("cart_id", "text", (c) => c.notNull().references("carts.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("sku", "text", (c) => c.notNull().references("variants.sku").onDelete("cascade"))
      .addColumn("quantity", "integer", (c) => c.notNull().check(sql`quantity between 1 and 999`))
      .addPrimaryKeyConstraint("cart_lines_pk", ["cart_id", "sku"])
      .execute();
    await db.schema.createIndex("cart_lines_by_sku").on("cart_lines").column("sku").execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("cart_lines").execute();
    await db.schema.dropTable("carts").execute();
  },
});

import { sql, type Kysely, type Migration } from "kysely";
import type { SqlDialect } from "../database.js";
import { columnTypes } from "./column-types.js";

/** Every change of on-hand stock, with reason and actor. */
export const movements = (dialect: SqlDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("inventory_movements")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("sku", "text", (c) => c.notNull().references("stock_levels.sku").onDelete("cascade"))
      .addColumn("delta", "integer", (c) => c.notNull())
      .addColumn("reason", "text", (c) => c.notNull().check(sql`reason in ('import', 'adjustment', 'sale', 'restock', 'return')`))
      .addColumn("actor", "text", (c) => c.notNull())
      .addColumn("note", "text")
      .addColumn("order_id", "text")
      .addColumn("at", t.timestamp, (c) => c.notNull())
      .addForeignKeyConstraint("inventory_movements_order_fk", ["order_id"], "orders", ["id"], (fk) => fk.deferrable().initiallyDeferred())
      .execute();
    await db.schema.createIndex("inventory_movements_sku_at").on("inventory_movements").columns(["sku", "at", "id"]).execute();
    await db.schema.createIndex("inventory_movements_order").on("inventory_movements").column("order_id").execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("inventory_movements").execute();
  },
});

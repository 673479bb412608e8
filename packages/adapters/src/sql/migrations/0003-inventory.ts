import { sql, type Kysely, type Migration } from "kysely";
import type { SqlDialect } from "../database.js";
import { columnTypes } from "./column-types.js";

/** Stock levels (the invariant as CHECK constraints) and reservations. */
export const inventory = (dialect: SqlDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("stock_levels")
      .addColumn("sku", "text", (c) => c.primaryKey().references("variants.sku").onDelete("cascade"))
      .addColumn("on_hand", "integer", (c) => c.notNull().check(sql`on_hand >= 0`))
      .addColumn("reserved", "integer", (c) => c.notNull().check(sql`reserved >= 0`))
      .addColumn("low_stock_threshold", "integer", (c) => c.notNull().check(sql`low_stock_threshold >= 0`))
      .addCheckConstraint("stock_levels_reserved_within_on_hand", sql`reserved <= on_hand`)
      .execute();

    await db.schema
      .createTable("reservations")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('active', 'committed', 'released', 'expired')`))
      .addColumn("expires_at", t.timestamp, (c) => c.notNull())
      .addColumn("created_at", t.timestamp, (c) => c.notNull())
      .execute();
    // The expiry sweeper's query: active reservations by expiry.
    await db.schema.createIndex("reservations_status_expires").on("reservations").columns(["status", "expires_at", "id"]).execute();

    await db.schema
      .createTable("reservation_lines")
      .addColumn("reservation_id", "text", (c) => c.notNull().references("reservations.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("sku", "text", (c) => c.notNull().references("stock_levels.sku"))
      .addColumn("quantity", "integer", (c) => c.notNull().check(sql`quantity > 0`))
      .addPrimaryKeyConstraint("reservation_lines_pk", ["reservation_id", "position"])
      .addUniqueConstraint("reservation_lines_sku", ["reservation_id", "sku"])
      .execute();
    await db.schema.createIndex("reservation_lines_by_sku").on("reservation_lines").column("sku").execute();
  },

  async down(db: Kysely<unknown>) {
    for (const table of ["reservation_lines", "reservations", "stock_levels"]) {
      await db.schema.dropTable(table).execute();
    }
  },
});

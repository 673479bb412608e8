import { sql, type Kysely, type Migration } from "kysely";
import type { SqlDialect } from "../database.js";

/**
 * PostgreSQL only: the storefront lists active products almost exclusively, so partial
 * indexes over them stay small and hot. SQLite has no planner use for them at this size.
 */
export const postgresPartialIndexes = (dialect: SqlDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    if (dialect !== "postgres") return;
    const active = sql<boolean>`status = 'active'`;
    await db.schema
      .createIndex("products_active_name")
      .on("products")
      .expression(sql`lower(name), id`)
      .where(active)
      .execute();
    await db.schema.createIndex("products_active_created").on("products").columns(["created_at", "id"]).where(active).execute();
    await db.schema.createIndex("products_active_price").on("products").columns(["min_price", "id"]).where(active).execute();
    await db.schema
      .createIndex("reservations_active_expires")
      .on("reservations")
      .columns(["expires_at", "id"])
      .where(sql<boolean>`status = 'active'`)
      .execute();
  },

  async down(db: Kysely<unknown>) {
    if (dialect !== "postgres") return;
    for (const index of ["reservations_active_expires", "products_active_price", "products_active_created", "products_active_name"]) {
      await db.schema.dropIndex(index).execute();
    }
  },
});

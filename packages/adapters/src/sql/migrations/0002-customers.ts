import { sql, type Kysely, type Migration } from "kysely";
import type { SqlDialect } from "../database.js";
import { columnTypes } from "./column-types.js";

/** Customers and their refresh and password-reset tokens (stored by hash). */
export const customers = (dialect: SqlDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("customers")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("phone", "text")
      .addColumn("addresses", "text", (c) => c.notNull())
      .addColumn("password_hash", "text", (c) => c.notNull())
      .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('customer', 'admin')`))
      .addColumn("disabled", t.flag, (c) => c.notNull())
      .addColumn("created_at", t.timestamp, (c) => c.notNull())
      .addColumn("updated_at", t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("customers_email")
      .on("customers")
      .unique()
      .expression(sql`lower(email)`)
      .execute();
    await db.schema.createIndex("customers_created").on("customers").columns(["created_at", "id"]).execute();

    await db.schema
      .createTable("refresh_tokens")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("family_id", "text", (c) => c.notNull())
      .addColumn("customer_id", "text", (c) => c.notNull().references("customers.id").onDelete("cascade"))
      .addColumn("token_hash", "text", (c) => c.notNull().unique())
      .addColumn("expires_at", t.timestamp, (c) => c.notNull())
      .addColumn("used_at", t.timestamp)
      .addColumn("revoked_at", t.timestamp)
      .addColumn("created_at", t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("refresh_tokens_family").on("refresh_tokens").column("family_id").execute();
    await db.schema.createIndex("refresh_tokens_customer").on("refresh_tokens").column("customer_id").execute();

    await db.schema
      .createTable("password_reset_tokens")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("customer_id", "text", (c) => c.notNull().references("customers.id").onDelete("cascade"))
      .addColumn("token_hash", "text", (c) => c.notNull().unique())
      .addColumn("expires_at", t.timestamp, (c) => c.notNull())
      .addColumn("used_at", t.timestamp)
      .addColumn("created_at", t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("password_reset_tokens_customer").on("password_reset_tokens").column("customer_id").execute();
  },

  async down(db: Kysely<unknown>) {
    for (const table of ["password_reset_tokens", "refresh_tokens", "customers"]) {
      await db.schema.dropTable(table).execute();
    }
  },
});

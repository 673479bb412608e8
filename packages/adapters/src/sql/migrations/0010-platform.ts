import { sql, type Kysely, type Migration } from "kysely";
import type { SqlDialect } from "../database.js";
import { columnTypes } from "./column-types.js";

/** Idempotency records, the audit log and key/value settings. */
export const platform = (dialect: SqlDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("idempotency_records")
      .addColumn("scope", "text", (c) => c.notNull())
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("request_hash", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('in_progress', 'completed')`))
      .addColumn("response_status", "integer")
      .addColumn("response_body", "text")
      .addColumn("created_at", t.timestamp, (c) => c.notNull())
      .addColumn("expires_at", t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint("idempotency_records_pk", ["scope", "key"])
      .addCheckConstraint(
        "idempotency_records_response",
        sql`status = 'in_progress' or (response_status is not null and response_body is not null)`,
      )
      .execute();
    await db.schema.createIndex("idempotency_records_expires").on("idempotency_records").column("expires_at").execute();

    await db.schema
      .createTable("audit_log")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("actor", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("entity_type", "text", (c) => c.notNull())
      .addColumn("entity_id", "text", (c) => c.notNull())
      .addColumn("before", "text", (c) => c.notNull())
      .addColumn("after", "text", (c) => c.notNull())
      .addColumn("request_id", "text")
      .addColumn("at", t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("audit_log_at").on("audit_log").columns(["at", "id"]).execute();
    await db.schema.createIndex("audit_log_entity").on("audit_log").columns(["entity_type", "entity_id", "at"]).execute();
    await db.schema.createIndex("audit_log_actor").on("audit_log").columns(["actor", "at"]).execute();

    await db.schema
      .createTable("settings")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("updated_at", t.timestamp, (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>) {
    for (const table of ["settings", "audit_log", "idempotency_records"]) {
      await db.schema.dropTable(table).execute();
    }
  },
});

import { sql, type Kysely, type Migration } from "kysely";
import type { SqlDialect } from "../database.js";
import { columnTypes } from "./column-types.js";

/** The transactional outbox, consumer de-duplication and the embedded mailbox. */
export const messaging = (dialect: SqlDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("outbox")
      .addColumn("seq", t.serial, t.serialKey)
      .addColumn("id", "text", (c) => c.notNull().unique())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("payload", t.json, (c) => c.notNull())
      .addColumn("created_at", t.timestamp, (c) => c.notNull())
      .addColumn("trace_id", "text")
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("sent_at", t.timestamp)
      .addColumn("claimed_until", t.timestamp)
      .execute();
    // The relay only ever looks at unsent rows, in order.
    await db.schema
      .createIndex("outbox_unsent")
      .on("outbox")
      .column("seq")
      .where(sql<boolean>`sent_at is null`)
      .execute();

    await db.schema
      .createTable("processed_events")
      .addColumn("consumer", "text", (c) => c.notNull())
      .addColumn("event_id", "text", (c) => c.notNull())
      .addColumn("processed_at", t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint("processed_events_pk", ["consumer", "event_id"])
      .execute();

    await db.schema
      .createTable("mailbox")
      .addColumn("id", t.serial, t.serialKey)
      .addColumn("recipient", "text", (c) => c.notNull())
      .addColumn("template", "text", (c) => c.notNull())
      .addColumn("subject", "text", (c) => c.notNull())
      .addColumn("data", t.json, (c) => c.notNull())
      .addColumn("created_at", t.timestamp, (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>) {
    for (const table of ["mailbox", "processed_events", "outbox"]) {
      await db.schema.dropTable(table).execute();
    }
  },
});

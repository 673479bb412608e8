import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEvent, ok, type DomainEvent } from "@emporium/domain";
import { sql } from "kysely";
import { createSqlPersistence, type SqlPersistence } from "../../../sql/create-sql-persistence.js";

export interface EffectTable {
  readonly persistence: SqlPersistence;
  /**
   * An idempotent consumer's handler: records (consumer, event id) in processed_events and one
   * effect row, in one transaction. `afterCommit` runs once the effect is committed.
   */
  handler(
    consumer: string,
    afterCommit?: (event: DomainEvent, applied: boolean) => Promise<void> | void,
  ): (event: DomainEvent) => Promise<void>;
  /** Effect rows in all, and distinct event ids among them. */
  counts(): Promise<{ rows: number; distinct: number }>;
  /** Commits `count` product.changed events to the outbox, ids `<prefix>-000001`… */
  append(count: number, prefix?: string): Promise<DomainEvent[]>;
  close(): Promise<void>;
}

/** A SQLite file with the outbox, processed_events and a table of test effects. */
export async function effectTable(): Promise<EffectTable> {
  const dir = mkdtempSync(join(tmpdir(), "emporium-rabbitmq-"));
  const persistence = await createSqlPersistence({ url: `sqlite:${join(dir, "effects.db")}` });
  const { db } = persistence.database;
  await sql`create table test_effects (event_id text not null, consumer text not null)`.execute(db);
  return {
    persistence,
    handler: (consumer, afterCommit) => async (event) => {
      const result = await persistence.uow.runWith(async (_tx, trx) => {
        const first = await persistence.processedEvents.tryRecord(trx, consumer, event.id);
        if (first) await sql`insert into test_effects (event_id, consumer) values (${event.id}, ${consumer})`.execute(trx);
        return ok(first);
      });
      if (result.ok) await afterCommit?.(event, result.value);
    },
    counts: async () => {
      const { rows } = await sql<{ rows: number; distinct: number }>`
        select count(*) as "rows", count(distinct event_id) as "distinct" from test_effects`.execute(db);
      return { rows: Number(rows[0]!.rows), distinct: Number(rows[0]!.distinct) };
    },
    append: async (count, prefix = "evt") => {
      const now = new Date();
      const events = Array.from({ length: count }, (_, i) =>
        createEvent("product.changed", { productId: `p-${i}` }, { id: `${prefix}-${String(i + 1).padStart(6, "0")}`, now }),
      );
      for (let i = 0; i < events.length; i += 500) await persistence.repos.outbox.append(events.slice(i, i + 500));
      return events;
    },
    close: async () => {
      await persistence.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

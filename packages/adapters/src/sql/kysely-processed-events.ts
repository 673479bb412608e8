import type { Kysely } from "kysely";
import { chunks } from "./chunks.js";
import { iso } from "./codec.js";
import type { Database } from "./database.js";

/**
 * De-duplication for idempotent consumers: record (consumer, event id) in the same transaction
 * as the consumer's effect, and skip the effect when the event was already recorded.
 */
export class KyselyProcessedEvents {
  /** True the first time `consumer` records `eventId` (the caller then applies the effect), false afterwards. */
  async tryRecord(tx: Kysely<Database>, consumer: string, eventId: string, at: Date = new Date()): Promise<boolean> {
    const inserted = await tx
      .insertInto("processed_events")
      .values({ consumer, event_id: eventId, processed_at: iso(at) })
      .onConflict((oc) => oc.columns(["consumer", "event_id"]).doNothing())
      .returning("event_id")
      .executeTakeFirst();
    return inserted !== undefined;
  }

  /** `tryRecord` for many events in one statement per thousand: the ids recorded now, for the caller to apply. */
  async tryRecordMany(tx: Kysely<Database>, consumer: string, eventIds: readonly string[], at: Date = new Date()): Promise<Set<string>> {
    const recorded = new Set<string>();
    for (const run of chunks([...new Set(eventIds)], 1000)) {
      const inserted = await tx
        .insertInto("processed_events")
        .values(run.map((eventId) => ({ consumer, event_id: eventId, processed_at: iso(at) })))
        .onConflict((oc) => oc.columns(["consumer", "event_id"]).doNothing())
        .returning("event_id")
        .execute();
      for (const row of inserted) recorded.add(row.event_id);
    }
    return recorded;
  }

  /** Whether `consumer` has recorded `eventId`: a cheap early exit before an effect that is idempotent by itself. */
  async has(db: Kysely<Database>, consumer: string, eventId: string): Promise<boolean> {
    const row = await db
      .selectFrom("processed_events")
      .select("event_id")
      .where("consumer", "=", consumer)
      .where("event_id", "=", eventId)
      .executeTakeFirst();
    return row !== undefined;
  }
}

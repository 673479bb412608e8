import type { Kysely } from "kysely";
import type { IdempotencyBegin, IdempotencyStore, StoredResponse } from "@emporium/domain";
import { iso, toDate } from "./codec.js";
import type { Database } from "./database.js";

export class KyselyIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * INSERT … ON CONFLICT DO NOTHING claims a free key; a key held by an expired record is
   * taken over with a compare-and-set on its expiry, so two retries racing for it cannot both start.
   */
  async begin(scope: string, key: string, requestHash: string, now: Date, ttlSeconds: number): Promise<IdempotencyBegin> {
    const claim = {
      request_hash: requestHash,
      status: "in_progress",
      response_status: null,
      response_body: null,
      created_at: iso(now),
      expires_at: iso(new Date(now.getTime() + ttlSeconds * 1000)),
    };
    const inserted = await this.db
      .insertInto("idempotency_records")
      .values({ scope, key, ...claim })
      .onConflict((oc) => oc.columns(["scope", "key"]).doNothing())
      .returning("key")
      .executeTakeFirst();
    if (inserted !== undefined) return { state: "started" };

    const existing = await this.db
      .selectFrom("idempotency_records")
      .selectAll()
      .where("scope", "=", scope)
      .where("key", "=", key)
      .executeTakeFirst();
    if (existing === undefined) return this.begin(scope, key, requestHash, now, ttlSeconds);
    if (toDate(existing.expires_at).getTime() <= now.getTime()) {
      const taken = await this.db
        .updateTable("idempotency_records")
        .set(claim)
        .where("scope", "=", scope)
        .where("key", "=", key)
        .where("expires_at", "=", iso(toDate(existing.expires_at)))
        .executeTakeFirst();
      return taken.numUpdatedRows > 0n ? { state: "started" } : this.begin(scope, key, requestHash, now, ttlSeconds);
    }
    if (existing.request_hash !== requestHash) return { state: "mismatch" };
    if (existing.status !== "completed" || existing.response_status === null || existing.response_body === null)
      return { state: "in_progress" };
    return { state: "completed", response: { status: existing.response_status, body: existing.response_body } };
  }

  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    const result = await this.db
      .updateTable("idempotency_records")
      .set({ status: "completed", response_status: response.status, response_body: response.body })
      .where("scope", "=", scope)
      .where("key", "=", key)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new Error(`idempotency key ${key} was never begun in scope ${scope}`);
  }

  async abandon(scope: string, key: string): Promise<void> {
    await this.db
      .deleteFrom("idempotency_records")
      .where("scope", "=", scope)
      .where("key", "=", key)
      .where("status", "=", "in_progress")
      .execute();
  }
}

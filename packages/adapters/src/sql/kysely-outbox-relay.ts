import type { Kysely } from "kysely";
import type { DomainEventType } from "@emporium/domain";
import { fromJson, iso, toDate } from "./codec.js";
import type { Database, SqlDialect } from "./database.js";

/** An outbox row claimed for publishing: the event envelope of DESIGN §7 plus its position. */
export interface ClaimedEvent {
  readonly seq: number;
  readonly id: string;
  readonly type: DomainEventType;
  readonly payload: Record<string, unknown>;
  readonly createdAt: Date;
  readonly traceId: string | null;
  /** 1 on the first delivery attempt. */
  readonly attempt: number;
}

export interface OutboxStatus {
  readonly pending: number;
  /** Creation time of the oldest unsent event, null when none is pending. */
  readonly oldestCreatedAt: Date | null;
  /** Age of the oldest unsent event at `now`, 0 when none is pending. */
  readonly oldestAgeMs: number;
}

/**
 * Reads the outbox for the relay (not a port: only the relay drains it). Rows are leased, not
 * locked for the whole publish: `claim` marks up to `limit` unsent rows as taken until
 * `now + leaseMs`; a relay that dies mid-publish loses its lease and another takes the rows over.
 */
export class KyselyOutboxRelay {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  /**
   * Claims the oldest unsent, unleased rows, in order. PostgreSQL: the inner SELECT takes
   * `FOR UPDATE SKIP LOCKED`, so concurrent relays split the rows instead of sharing them.
   * SQLite: one writer at a time (BEGIN IMMEDIATE) gives the same guarantee.
   */
  async claim(limit: number, leaseMs: number, now: Date = new Date()): Promise<ClaimedEvent[]> {
    if (limit <= 0) return [];
    const rows = await this.db.transaction().execute(async (trx) => {
      let candidates = trx
        .selectFrom("outbox")
        .select("seq")
        .where("sent_at", "is", null)
        .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<=", iso(now))]))
        .orderBy("seq")
        .limit(Math.floor(limit));
      if (this.dialect === "postgres") candidates = candidates.forUpdate().skipLocked();
      const seqs = (await candidates.execute()).map((row) => row.seq);
      if (seqs.length === 0) return [];
      return trx
        .updateTable("outbox")
        .set((eb) => ({ claimed_until: iso(new Date(now.getTime() + leaseMs)), attempts: eb("attempts", "+", 1) }))
        .where("seq", "in", seqs)
        .returningAll()
        .execute();
    });
    return rows
      .map((row) => ({
        seq: Number(row.seq),
        id: row.id,
        type: row.type as DomainEventType,
        payload: fromJson<Record<string, unknown>>(row.payload),
        createdAt: toDate(row.created_at),
        traceId: row.trace_id,
        attempt: row.attempts,
      }))
      .sort((a, b) => a.seq - b.seq);
  }

  /** Marks published events sent; they are never claimed again. */
  async markSent(ids: readonly string[], at: Date = new Date()): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable("outbox")
      .set({ sent_at: iso(at), claimed_until: null })
      .where("id", "in", [...ids])
      .execute();
  }

  /** Gives claimed events back (publishing failed), so the next claim retries them. */
  async release(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable("outbox")
      .set({ claimed_until: null })
      .where("id", "in", [...ids])
      .where("sent_at", "is", null)
      .execute();
  }

  async status(now: Date = new Date()): Promise<OutboxStatus> {
    const row = await this.db
      .selectFrom("outbox")
      .select((eb) => [eb.fn.countAll<number>().as("pending"), eb.fn.min("created_at").as("oldest")])
      .where("sent_at", "is", null)
      .executeTakeFirstOrThrow();
    const oldest = row.oldest === null || row.oldest === undefined ? null : toDate(row.oldest as Date | string);
    return {
      pending: Number(row.pending),
      oldestCreatedAt: oldest,
      oldestAgeMs: oldest === null ? 0 : Math.max(0, now.getTime() - oldest.getTime()),
    };
  }

  /** Deletes sent events older than `before`; returns how many. */
  async purgeSent(before: Date): Promise<number> {
    const result = await this.db
      .deleteFrom("outbox")
      .where("sent_at", "is not", null)
      .where("sent_at", "<", iso(before))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

import type { Kysely } from "kysely";
import type { Database } from "../../sql/database.js";
import type { ClaimedEvent, KyselyOutboxRelay } from "../../sql/kysely-outbox-relay.js";
import type { OutboxSource } from "./outbox-processor.js";

/**
 * A parked event is leased until the end of time: no claim takes it again, it still counts
 * as pending in `status()` (so readiness and metrics show it), and `release` — the
 * dead-letter replay — makes it claimable once more.
 */
const PARKED_UNTIL = "9999-12-31T23:59:59.999Z";

/** The SQL outbox as the OutboxProcessor reads it: KyselyOutboxRelay plus parking of dead events. */
export class KyselyOutboxSource implements OutboxSource {
  constructor(
    private readonly relay: KyselyOutboxRelay,
    private readonly db: Kysely<Database>,
  ) {}

  claim(limit: number, leaseMs: number, now?: Date): Promise<ClaimedEvent[]> {
    return this.relay.claim(limit, leaseMs, now);
  }

  markSent(ids: readonly string[], at?: Date): Promise<void> {
    return this.relay.markSent(ids, at);
  }

  release(ids: readonly string[]): Promise<void> {
    return this.relay.release(ids);
  }

  async park(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable("outbox")
      .set({ claimed_until: PARKED_UNTIL })
      .where("id", "in", [...ids])
      .where("sent_at", "is", null)
      .execute();
  }
}

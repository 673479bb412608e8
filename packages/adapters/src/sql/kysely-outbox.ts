import type { Kysely } from "kysely";
import type { DomainEvent, Outbox } from "@emporium/domain";
import { chunks } from "./chunks.js";
import { iso, json } from "./codec.js";
import type { Database } from "./database.js";

/** The W3C trace id of the request being served, if any, stored with each event for the relay to pass on. */
export type TraceIdSource = () => string | null;

/** Appends events to the outbox table; inside a unit of work they commit or roll back with the change. */
export class KyselyOutbox implements Outbox {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly traceId: TraceIdSource = () => null,
  ) {}

  async append(events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    const traceId = this.traceId();
    // A thousand rows a statement keeps within the parameter limits of SQLite and PostgreSQL.
    for (const run of chunks(events, 1000)) {
      await this.db
        .insertInto("outbox")
        .values(
          run.map((event) => ({
            id: event.id,
            type: event.type,
            payload: json(event.payload),
            created_at: iso(event.occurredAt),
            trace_id: traceId,
          })),
        )
        .execute();
    }
  }
}

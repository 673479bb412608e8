import { sql, type Kysely } from "kysely";
import type { AuditEntry, AuditLog, AuditQuery, Page } from "@emporium/domain";
import { chunks } from "./chunks.js";
import { iso, toDate } from "./codec.js";
import type { Database } from "./database.js";
import { after, decodeCursor, orderBy, pageLimit, toPage, type SortKey } from "./keyset.js";

const KEYS: readonly SortKey[] = [
  { expression: sql.ref("at"), descending: true, type: "string" },
  { expression: sql.ref("id"), descending: true, type: "string" },
];

export class KyselyAuditLog implements AuditLog {
  constructor(private readonly db: Kysely<Database>) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.db.insertInto("audit_log").values(toRow(entry)).execute();
  }

  async appendMany(entries: readonly AuditEntry[]): Promise<void> {
    for (const run of chunks(entries, 500)) await this.db.insertInto("audit_log").values(run.map(toRow)).execute();
  }

  /** Newest first. */
  async list(query: AuditQuery): Promise<Page<AuditEntry>> {
    const limit = pageLimit(query);
    let select = this.db.selectFrom("audit_log").selectAll();
    if (query.actor !== undefined) select = select.where("actor", "=", query.actor);
    if (query.entityType !== undefined) select = select.where("entity_type", "=", query.entityType);
    if (query.entityId !== undefined) select = select.where("entity_id", "=", query.entityId);
    if (query.action !== undefined) select = select.where("action", "=", query.action);
    if (query.cursor) select = select.where(after(KEYS, decodeCursor(query.cursor, KEYS)));
    const rows = await select
      .orderBy(orderBy(KEYS))
      .limit(limit + 1)
      .execute();
    return toPage(
      rows,
      limit,
      (row) => [toDate(row.at).toISOString(), row.id],
      (pageRows) =>
        pageRows.map((row) => ({
          id: row.id,
          actor: row.actor,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          before: JSON.parse(row.before) as unknown,
          after: JSON.parse(row.after) as unknown,
          requestId: row.request_id,
          at: toDate(row.at),
        })),
    );
  }
}

// `undefined` has no JSON form; it reads back as null.
const encode = (value: unknown): string => JSON.stringify(value) ?? "null";

function toRow(entry: AuditEntry) {
  return {
    id: entry.id,
    actor: entry.actor,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: encode(entry.before),
    after: encode(entry.after),
    request_id: entry.requestId,
    at: iso(entry.at),
  };
}

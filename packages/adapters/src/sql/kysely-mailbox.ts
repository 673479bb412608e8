import { sql, type Kysely } from "kysely";
import type { Message, MessageTemplate, Page, PageRequest } from "@emporium/domain";
import { fromJson, iso, json, toDate } from "./codec.js";
import type { Database } from "./database.js";
import { after, decodeCursor, orderBy, pageLimit, toPage, type SortKey } from "./keyset.js";

/** A message the embedded profile "sent": kept in the mailbox table for `GET /v1/admin/mailbox`. */
export interface MailboxMessage extends Message {
  readonly id: string;
  readonly createdAt: Date;
}

const KEYS: readonly SortKey[] = [{ expression: sql.ref("id"), descending: true, type: "number" }];

export class KyselyMailbox {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(message: Message, at: Date = new Date()): Promise<MailboxMessage> {
    const row = await this.db
      .insertInto("mailbox")
      .values({
        recipient: message.to,
        template: message.template,
        subject: message.subject,
        data: json(message.data),
        created_at: iso(at),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { ...message, id: String(row.id), createdAt: at };
  }

  /** Newest first. */
  async list(page: PageRequest): Promise<Page<MailboxMessage>> {
    const limit = pageLimit(page);
    let select = this.db.selectFrom("mailbox").selectAll();
    if (page.cursor) select = select.where(after(KEYS, decodeCursor(page.cursor, KEYS)));
    const rows = await select
      .orderBy(orderBy(KEYS))
      .limit(limit + 1)
      .execute();
    return toPage(
      rows,
      limit,
      (row) => [Number(row.id)],
      (pageRows) =>
        pageRows.map((row) => ({
          id: String(row.id),
          to: row.recipient,
          template: row.template as MessageTemplate,
          subject: row.subject,
          data: fromJson<Record<string, unknown>>(row.data),
          createdAt: toDate(row.created_at),
        })),
    );
  }
}

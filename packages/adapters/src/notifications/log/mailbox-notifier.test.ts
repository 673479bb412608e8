import type { Message } from "@emporium/domain";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempSqlite, type TempSqlite } from "../../container/test-support/sqlite-file.js";
import { createSqlPersistence, type SqlPersistence } from "../../sql/create-sql-persistence.js";
import { buildMessage } from "../templates.js";
import { MailboxNotifier } from "./mailbox-notifier.js";

describe("MailboxNotifier (SQLite)", () => {
  let sqlite: TempSqlite;
  let persistence: SqlPersistence;
  let logged: { fields: Record<string, unknown>; message: string }[];
  let notifier: MailboxNotifier;

  const alert = (to: string) => buildMessage("low_stock", to, { sku: "MUG-1", onHand: 3, reserved: 1, available: 2 });
  const stored = async () => (await persistence.mailbox.list({ limit: 50 })).items;
  const processed = () => persistence.database.db.selectFrom("processed_events").selectAll().execute();

  beforeEach(async () => {
    sqlite = tempSqlite();
    persistence = await createSqlPersistence({ url: sqlite.url });
    logged = [];
    notifier = new MailboxNotifier({
      db: persistence.database.db,
      processedEvents: persistence.processedEvents,
      log: (fields, message) => logged.push({ fields, message }),
    });
  });
  afterEach(async () => {
    await persistence.close();
    sqlite.remove();
  });

  it("keeps each sent message, rendered, and logs it without its body", async () => {
    await notifier.send(alert("ops@example.com"));

    const [message] = await stored();
    expect(message).toMatchObject({
      to: "ops@example.com",
      template: "low_stock",
      subject: "Low stock: MUG-1",
      data: { sku: "MUG-1", available: 2 },
    });
    expect((message!.data["body"] as { text: string; html: string }).text).toBe(
      "SKU MUG-1 is low on stock: available 2 (on hand 3, reserved 1).",
    );
    expect(logged).toEqual([
      {
        fields: { mailboxId: message!.id, to: "ops@example.com", template: "low_stock", subject: "Low stock: MUG-1" },
        message: "notification written to the mailbox",
      },
    ]);
  });

  it("sends an event's messages once per consumer", async () => {
    expect(await notifier.sendOnce("email.low_stock", "evt-1", [alert("a@example.com"), alert("b@example.com")])).toBe(true);
    expect(await notifier.sendOnce("email.low_stock", "evt-1", [alert("a@example.com"), alert("b@example.com")])).toBe(false);
    expect(await notifier.sendOnce("email.audit_copy", "evt-1", [alert("audit@example.com")])).toBe(true);

    expect((await stored()).map((m) => m.to).sort()).toEqual(["a@example.com", "audit@example.com", "b@example.com"]);
  });

  it("records the event only together with its messages", async () => {
    const unrenderable = { to: "x@example.com", template: "no_such_template", subject: "?", data: {} } as unknown as Message;
    await expect(notifier.sendOnce("email.low_stock", "evt-2", [alert("a@example.com"), unrenderable])).rejects.toThrow();
    expect(await stored()).toEqual([]);
    expect(await processed()).toEqual([]);

    expect(await notifier.sendOnce("email.low_stock", "evt-2", [alert("a@example.com")])).toBe(true);
    expect(await stored()).toHaveLength(1);
    expect((await processed()).map((row) => [row.consumer, row.event_id])).toEqual([["email.low_stock", "evt-2"]]);
  });
});

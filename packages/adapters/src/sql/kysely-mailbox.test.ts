import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlPersistence } from "./create-sql-persistence.js";
import { sqlTargets } from "./test-support/sql-targets.js";

for (const target of sqlTargets()) {
  const reason = await target.unavailable();
  describe.skipIf(reason !== null)(
    `KyselyMailbox and KyselySettings on ${target.dialect}${reason === null ? "" : ` (skipped: ${reason})`}`,
    () => {
      let sql: SqlPersistence;
      beforeAll(async () => {
        sql = await target.open();
      });
      afterAll(async () => {
        await sql?.close();
      });

      it("keeps sent messages and lists them newest first, page by page", async () => {
        const sent = [];
        for (let i = 0; i < 3; i++) {
          sent.push(
            await sql.mailbox.insert(
              {
                to: `ada${i}@example.test`,
                template: "order_confirmation",
                subject: `Order EM-00000${i}`,
                data: { orderId: `ord-${i}`, lines: [{ sku: "A", quantity: i }] },
              },
              new Date(Date.UTC(2024, 0, 1, 0, i)),
            ),
          );
        }
        const first = await sql.mailbox.list({ limit: 2 });
        expect(first.items).toEqual([sent[2], sent[1]]);
        const second = await sql.mailbox.list({ limit: 2, cursor: first.nextCursor });
        expect(second).toEqual({ items: [sent[0]], nextCursor: null });
        expect(sent[0]).toMatchObject({
          to: "ada0@example.test",
          data: { orderId: "ord-0" },
          createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0)),
        });
      });

      it("stores a setting only when it is absent, and every caller gets the stored value", async () => {
        expect(await sql.settings.get("jwt_secret")).toBeNull();
        const winners = await Promise.all([
          sql.settings.setIfAbsent("jwt_secret", "first"),
          sql.settings.setIfAbsent("jwt_secret", "second"),
        ]);
        expect(new Set(winners).size).toBe(1);
        expect(await sql.settings.setIfAbsent("jwt_secret", "third")).toBe(winners[0]);
        expect(await sql.settings.get("jwt_secret")).toBe(winners[0]);
      });
    },
  );
}

import { err, ok } from "@emporium/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlPersistence } from "./create-sql-persistence.js";
import { sqlTargets } from "./test-support/sql-targets.js";

for (const target of sqlTargets()) {
  const reason = await target.unavailable();
  describe.skipIf(reason !== null)(`KyselyProcessedEvents on ${target.dialect}${reason === null ? "" : ` (skipped: ${reason})`}`, () => {
    let sql: SqlPersistence;
    beforeAll(async () => {
      sql = await target.open();
    });
    afterAll(async () => {
      await sql?.close();
    });

    const record = (consumer: string, eventId: string) =>
      sql.uow.runWith(async (_tx, trx) => ok(await sql.processedEvents.tryRecord(trx, consumer, eventId)));

    it("records an event once per consumer", async () => {
      expect(await record("email.order_confirmation", "evt-1")).toEqual(ok(true));
      expect(await record("email.order_confirmation", "evt-1")).toEqual(ok(false));
      expect(await record("search.index_product", "evt-1")).toEqual(ok(true));
      expect(await sql.processedEvents.has(sql.database.db, "search.index_product", "evt-1")).toBe(true);
      expect(await sql.processedEvents.has(sql.database.db, "email.password_reset", "evt-1")).toBe(false);
    });

    it("forgets the record when the consumer's transaction rolls back, so a retry runs the effect", async () => {
      const failed = await sql.uow.runWith(async (_tx, trx) => {
        await sql.processedEvents.tryRecord(trx, "email.order_confirmation", "evt-2");
        return err("smtp down");
      });
      expect(failed).toEqual(err("smtp down"));
      expect(await record("email.order_confirmation", "evt-2")).toEqual(ok(true));
    });
  });
}

import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlPersistence } from "./create-sql-persistence.js";
import { sqlTargets } from "./test-support/sql-targets.js";

for (const target of sqlTargets()) {
  const reason = await target.unavailable();
  describe.skipIf(reason !== null)(`audit_log is append-only on ${target.dialect}${reason === null ? "" : ` (skipped: ${reason})`}`, () => {
    let persistence: SqlPersistence;
    beforeAll(async () => {
      persistence = await target.open();
      await persistence.repos.audit.append({
        id: "aud-1",
        actor: "admin-1",
        action: "product.update",
        entityType: "product",
        entityId: "prod-1",
        before: { name: "Old" },
        after: { name: "New" },
        requestId: "req-1",
        at: new Date("2025-01-01T00:00:00Z"),
      });
    });
    afterAll(async () => {
      await persistence?.close();
    });

    const db = () => persistence.database.db;
    const entries = async () => (await persistence.repos.audit.list({ limit: 10 })).items;

    it("refuses a raw UPDATE of an entry", async () => {
      await expect(sql`update audit_log set actor = 'someone-else' where id = 'aud-1'`.execute(db())).rejects.toThrow(
        /audit_log is append-only: UPDATE is not allowed/,
      );
      await expect(db().updateTable("audit_log").set({ after: "null" }).execute()).rejects.toThrow(/append-only/);
      expect((await entries())[0]).toMatchObject({ actor: "admin-1", after: { name: "New" } });
    });

    it("refuses a raw DELETE of an entry", async () => {
      await expect(sql`delete from audit_log where id = 'aud-1'`.execute(db())).rejects.toThrow(
        /audit_log is append-only: DELETE is not allowed/,
      );
      await expect(db().deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
      expect((await entries()).map((entry) => entry.id)).toEqual(["aud-1"]);
    });

    it.runIf(target.dialect === "postgres")("refuses TRUNCATE on PostgreSQL", async () => {
      await expect(sql`truncate audit_log`.execute(db())).rejects.toThrow(/append-only: TRUNCATE is not allowed/);
      expect(await entries()).toHaveLength(1);
    });

    it("still takes new entries", async () => {
      await persistence.repos.audit.append({
        id: "aud-2",
        actor: "system",
        action: "order.ship",
        entityType: "order",
        entityId: "ord-1",
        before: null,
        after: { status: "shipped" },
        requestId: null,
        at: new Date("2025-01-02T00:00:00Z"),
      });
      expect((await entries()).map((entry) => entry.id)).toEqual(["aud-2", "aud-1"]);
    });
  });
}

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { ok } from "@emporium/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqlPersistence, type SqlPersistence } from "./create-sql-persistence.js";

describe("KyselyUnitOfWork on SQLite", () => {
  const dir = mkdtempSync(join(tmpdir(), "emporium-uow-"));
  const file = join(dir, "shop.db");
  let sql: SqlPersistence;
  beforeAll(async () => {
    sql = await createSqlPersistence({ url: `sqlite:${file}` });
  });
  afterAll(async () => {
    await sql?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("takes the write lock when the transaction begins, before its first write", async () => {
    const other = new BetterSqlite3(file, { timeout: 0 });
    try {
      const result = await sql.uow.run(async () => {
        // With a plain (deferred) BEGIN another connection could still start writing here.
        expect(() => other.exec("begin immediate")).toThrow(/locked|busy/i);
        return ok("held");
      });
      expect(result).toEqual({ ok: true, value: "held" });
      other.exec("begin immediate");
      other.exec("rollback");
    } finally {
      other.close();
    }
  });

  it("fails fast, instead of hanging, when work queries outside its transaction", async () => {
    await expect(sql.uow.run(async () => ok(await sql.repos.customers.findById("anyone")))).rejects.toThrow(/would deadlock/);
    // The connection is free again afterwards.
    expect(await sql.repos.customers.findById("anyone")).toBeNull();
  });

  it("lets a query from another request wait for the transaction instead of failing", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = sql.uow.run(async (tx) => {
      await gate;
      return ok(await tx.customers.findById("anyone"));
    });
    const outside = sql.repos.customers.findById("anyone");
    release();
    await expect(Promise.all([transaction, outside])).resolves.toEqual([{ ok: true, value: null }, null]);
  });

  it("hands work the raw transaction for adapter-level tables", async () => {
    const first = await sql.uow.runWith(async (_tx, trx) => ok(await sql.processedEvents.tryRecord(trx, "emails", "evt-1")));
    const second = await sql.uow.runWith(async (_tx, trx) => ok(await sql.processedEvents.tryRecord(trx, "emails", "evt-1")));
    const otherConsumer = await sql.uow.runWith(async (_tx, trx) => ok(await sql.processedEvents.tryRecord(trx, "search", "evt-1")));
    expect([first, second, otherConsumer]).toEqual([ok(true), ok(false), ok(true)]);
  });
});

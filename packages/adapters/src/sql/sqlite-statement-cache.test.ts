import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { sqliteStatementCache } from "./sqlite-statement-cache.js";

let connection: BetterSqlite3.Database;
afterEach(() => {
  if (connection.open) connection.close();
});

function open(): BetterSqlite3.Database {
  connection = new BetterSqlite3(":memory:");
  connection.exec("create table t (n integer)");
  connection.prepare("insert into t values (1), (2), (3)").run();
  return connection;
}

describe("sqliteStatementCache", () => {
  it("hands out one prepared statement per SQL text", () => {
    const db = sqliteStatementCache(open());
    const first = db.prepare("select n from t order by n");
    expect(db.prepare("select n from t order by n")).toBe(first);
    expect(db.prepare("select n from t order by n desc")).not.toBe(first);
    expect(first.all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it("prepares afresh while the cached statement is still iterating", () => {
    const db = sqliteStatementCache(open());
    const sql = "select n from t order by n";
    const iterating = db.prepare(sql);
    const rows = iterating.iterate([]);
    rows.next();
    const second = db.prepare(sql);
    expect(second).not.toBe(iterating);
    expect(second.all([])).toHaveLength(3);
    rows.return?.();
  });

  it("keeps at most `size` statements, dropping the least recently used", () => {
    const db = sqliteStatementCache(open(), 2);
    const a = db.prepare("select 1");
    const b = db.prepare("select 2");
    expect(db.prepare("select 1")).toBe(a);
    db.prepare("select 3");
    expect(db.prepare("select 1")).toBe(a);
    expect(db.prepare("select 2")).not.toBe(b);
  });

  it("closes the connection", () => {
    const db = sqliteStatementCache(open());
    db.close();
    expect(connection.open).toBe(false);
  });
});

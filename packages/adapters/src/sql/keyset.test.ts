import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { after, encodeCursor, decodeCursor, orderBy, type SortKey } from "./keyset.js";

interface Db {
  items: { id: string; created_at: string };
}

const connection = new BetterSqlite3(":memory:");
const db = new Kysely<Db>({ dialect: new SqliteDialect({ database: connection }) });
afterAll(() => db.destroy());

const KEYS: SortKey[] = [
  { expression: sql.ref("created_at"), descending: true, type: "string" },
  { expression: sql.ref("id"), descending: true, type: "string" },
];

async function seed(): Promise<void> {
  await db.schema
    .createTable("items")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("created_at", "text")
    .execute();
  await db.schema.createIndex("items_created").ifNotExists().on("items").columns(["created_at", "id"]).execute();
  await db.deleteFrom("items").execute();
  // Three rows share a timestamp, so the tie-break on id is exercised.
  const rows = Array.from({ length: 50 }, (_, i) => ({
    id: `i${String(i).padStart(2, "0")}`,
    created_at: `t${String(Math.floor(i / 3)).padStart(2, "0")}`,
  }));
  await db.insertInto("items").values(rows).execute();
}

const page = (values: readonly (string | number)[] | null, limit: number) =>
  db
    .selectFrom("items")
    .select(["id", "created_at"])
    .$if(values !== null, (q) => q.where(after(KEYS, values!)))
    .orderBy(orderBy(KEYS))
    .limit(limit)
    .execute();

describe("keyset after()", () => {
  it("walks every row once, in order, across ties", async () => {
    await seed();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const rows = await page(cursor === null ? null : decodeCursor(cursor, KEYS), 7);
      seen.push(...rows.map((r) => r.id));
      const last = rows.at(-1);
      cursor = rows.length === 7 && last !== undefined ? encodeCursor([last.created_at, last.id]) : null;
    } while (cursor !== null);
    const all = (await page(null, 100)).map((r) => r.id);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(50);
  });

  it("lets SQLite seek the index to the cursor instead of walking it from the first row", async () => {
    await seed();
    const compiled = db
      .selectFrom("items")
      .select("id")
      .where(after(KEYS, ["t05", "i16"]))
      .orderBy(orderBy(KEYS))
      .limit(5)
      .compile();
    const plan = connection
      .prepare(`explain query plan ${compiled.sql}`)
      .all(...(compiled.parameters as unknown[]))
      .map((row) => (row as { detail: string }).detail)
      .join("; ");
    expect(plan).toMatch(/USING (COVERING )?INDEX items_created \(created_at<\?\)/);
  });
});

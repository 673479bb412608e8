import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "./create-database.js";
import { migrateToLatest } from "./migrate.js";
import { createTestSchema, postgresUnavailable } from "./test-support/postgres.js";

const unavailable = await postgresUnavailable();

describe("createDatabase with SQLite", () => {
  const dir = mkdtempSync(join(tmpdir(), "emporium-db-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("creates the file's folder and sets WAL, busy timeout, foreign keys and synchronous NORMAL", async () => {
    const file = join(dir, "a", "b", "shop.db");
    const database = await createDatabase({ url: `sqlite:${file}` });
    try {
      expect(database.dialect).toBe("sqlite");
      expect(database.replica).toBe(database.db);
      const pragma = async (name: string) =>
        Object.values((await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(database.db)).rows[0] ?? {})[0];
      expect(await pragma("journal_mode")).toBe("wal");
      expect(await pragma("busy_timeout")).toBe(5000);
      expect(await pragma("foreign_keys")).toBe(1);
      expect(await pragma("synchronous")).toBe(1);
      expect(existsSync(file)).toBe(true);
    } finally {
      await database.close();
    }
  });

  it("opens an in-memory database", async () => {
    const database = await createDatabase({ url: "sqlite::memory:" });
    expect(await migrateToLatest(database.db, database.dialect)).not.toEqual([]);
    await database.close();
  });

  it("refuses a replica, which only PostgreSQL has", async () => {
    await expect(createDatabase({ url: "sqlite::memory:", replicaUrl: "postgres://replica/db" })).rejects.toThrow(
      /DATABASE_REPLICA_URL is only supported with PostgreSQL/,
    );
  });
});

describe.skipIf(unavailable !== null)(`createDatabase with PostgreSQL${unavailable === null ? "" : ` (skipped: ${unavailable})`}`, () => {
  it("works in the given schema, with the statement timeout, and returns counts and bigints as numbers", async () => {
    const schema = await createTestSchema("db");
    const database = await createDatabase({ url: schema.url, schema: schema.schema, statementTimeoutMs: 1234, poolSize: 2 });
    try {
      const { rows } = await sql<{ schema: string; timeout: string; count: unknown; big: unknown; avg: unknown }>`
        select current_schema() as schema, current_setting('statement_timeout') as timeout,
               count(*) as count, 9007199254740991::bigint as big, avg(x) as avg
        from (values (1), (2)) as t(x)`.execute(database.db);
      expect(rows[0]).toEqual({ schema: schema.schema, timeout: "1234ms", count: 2, big: 9007199254740991, avg: 1.5 });
    } finally {
      await database.close();
      await schema.drop();
    }
  });

  it("runs data statements as named prepared statements, parsed once per connection, unless told not to", async () => {
    const schema = await createTestSchema("db");
    const prepared = async (preparedStatements: boolean) => {
      const database = await createDatabase({ url: schema.url, schema: schema.schema, poolSize: 1, preparedStatements });
      try {
        for (const x of [1, 2, 3]) expect((await sql<{ x: number }>`select ${x}::int as x`.execute(database.db)).rows).toEqual([{ x }]);
        const { rows } = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(
          database.db,
        );
        return rows;
      } finally {
        await database.close();
      }
    };
    try {
      const named = await prepared(true);
      expect(named.filter((row) => row.statement === "select $1::int as x")).toEqual([
        { name: expect.stringMatching(/^emporium_[0-9a-f]{24}$/), statement: "select $1::int as x" },
      ]);
      expect(await prepared(false)).toEqual([]);
    } finally {
      await schema.drop();
    }
  });

  it("opens a replica pool of its own", async () => {
    const schema = await createTestSchema("db");
    const database = await createDatabase({ url: schema.url, replicaUrl: schema.url, schema: schema.schema });
    try {
      expect(database.replica).not.toBe(database.db);
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.replica);
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await database.close();
      await schema.drop();
    }
  });

  it("rejects a replica URL that is not PostgreSQL", async () => {
    await expect(createDatabase({ url: "postgres://127.0.0.1/test", replicaUrl: "sqlite:./replica.db" })).rejects.toThrow(
      /DATABASE_REPLICA_URL must start with postgres:\/\//,
    );
  });
});

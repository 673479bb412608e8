import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase, type SqlDatabase } from "./create-database.js";
import { migrateTo, migrateToLatest } from "./migrate.js";
import { migrations } from "./migrations/index.js";
import { createTestSchema, postgresUnavailable, TEST_POSTGRES_URL } from "./test-support/postgres.js";

const names = Object.keys(migrations("sqlite"));
const unavailable = await postgresUnavailable();

// Only this schema's tables (the dialect's introspection already keeps to it; this says so for any dialect).
async function tableNames(database: SqlDatabase): Promise<string[]> {
  const schema =
    database.dialect === "postgres" ? (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]?.s : undefined;
  const tables = await database.db.introspection.getTables();
  return tables
    .filter((t) => schema === undefined || t.schema === schema)
    .map((t) => t.name)
    .sort();
}

async function roundTrip(database: SqlDatabase): Promise<void> {
  expect(await migrateToLatest(database.db, database.dialect)).toEqual(names);
  expect(await migrateToLatest(database.db, database.dialect)).toEqual([]);
  const all = await tableNames(database);
  expect(all).toEqual(
    expect.arrayContaining(["products", "variants", "stock_levels", "orders", "outbox", "idempotency_records", "settings"]),
  );

  const reverted = await migrateTo(database.db, "0001-catalog");
  expect(reverted).toEqual(names.slice(1).reverse());
  expect(await tableNames(database)).toEqual(["categories", "product_categories", "products", "related_products", "variants"]);

  expect(await migrateToLatest(database.db)).toEqual(names.slice(1));
  expect(await tableNames(database)).toEqual(all);
}

describe("migrations on SQLite", () => {
  const dir = mkdtempSync(join(tmpdir(), "emporium-migrate-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("apply, revert to a named migration and re-apply", async () => {
    const database = await createDatabase({ url: `sqlite:${join(dir, "nested", "shop.db")}` });
    try {
      await roundTrip(database);
      const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
      expect(rows[0]?.journal_mode).toBe("wal");
    } finally {
      await database.close();
    }
  });

  it("refuses a migration name it does not know", async () => {
    const database = await createDatabase({ url: "sqlite::memory:" });
    await expect(migrateTo(database.db, "9999-nope")).rejects.toThrow(/unknown migration "9999-nope"/);
    await database.close();
  });
});

describe.skipIf(unavailable !== null)(`migrations on PostgreSQL${unavailable === null ? "" : ` (skipped: ${unavailable})`}`, () => {
  it("apply, revert and re-apply inside a schema of their own", async () => {
    const schema = await createTestSchema("migrate");
    const database = await createDatabase({ url: schema.url, schema: schema.schema });
    try {
      await roundTrip(database);
      const { rows } = await sql<{
        indexname: string;
      }>`select indexname from pg_indexes where schemaname = current_schema() and indexname = 'products_active_name'`.execute(database.db);
      expect(rows).toHaveLength(1);
    } finally {
      await database.close();
      await schema.drop();
    }
    // Several test files migrate schemas of their own at once; on a loaded machine that takes a while.
  }, 120_000);

  it("is not held up by a migration lock outside its schema", async () => {
    const schema = await createTestSchema("migrate");
    const database = await createDatabase({ url: schema.url, schema: schema.schema });
    const other = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await other.connect();
    try {
      // Kysely's stock adapter takes this one database-wide lock id; holding it would stall the migration.
      await other.query("select pg_advisory_lock(3853314791062309107)");
      expect(await migrateToLatest(database.db)).toEqual(names);
    } finally {
      await other.end();
      await database.close();
      await schema.drop();
    }
  }, 120_000);

  it("looks for its tables in its own schema only, so a schema dropped meanwhile is no concern", async () => {
    const schema = await createTestSchema("migrate");
    const gone = await createTestSchema("migrate_gone");
    const database = await createDatabase({ url: schema.url, schema: schema.schema });
    try {
      await migrateToLatest(database.db);
      const other = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await other.connect();
      await other.query(`create table "${gone.schema}".elsewhere (id int)`);
      await other.end();
      // The catalogue read under a snapshot taken while the other schema still existed: the
      // schema is listed, but checking it by name finds it dropped, as with a test file ending now.
      const tables = await database.db
        .transaction()
        .setIsolationLevel("repeatable read")
        .execute(async (trx) => {
          await sql`select count(*) from pg_catalog.pg_namespace`.execute(trx);
          await gone.drop();
          return trx.introspection.getTables({ withInternalKyselyTables: true });
        });
      expect(new Set(tables.map((t) => t.schema))).toEqual(new Set([schema.schema]));
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["products", "kysely_migration", "kysely_migration_lock"]));
    } finally {
      await database.close();
      await gone.drop();
      await schema.drop();
    }
  }, 120_000);
});

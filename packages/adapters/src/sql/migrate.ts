import { Migrator, PostgresAdapter, sql, type Kysely, type MigrationResultSet } from "kysely";
import type { SqlDialect } from "./database.js";
import { migrations } from "./migrations/index.js";

/** The dialect a Kysely instance talks to. */
export function dialectOf<DB>(db: Kysely<DB>): SqlDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** Applies every pending migration. Returns the names applied. */
export async function migrateToLatest<DB>(db: Kysely<DB>, dialect: SqlDialect = dialectOf(db)): Promise<string[]> {
  const migrator = await createMigrator(db, dialect);
  return applied(await migrator.migrateToLatest());
}

/** Migrates up or down to `name` (one of `migrations()`' keys). Returns the names applied or reverted. */
export async function migrateTo<DB>(db: Kysely<DB>, name: string, dialect: SqlDialect = dialectOf(db)): Promise<string[]> {
  const all = migrations(dialect);
  if (!(name in all)) throw new Error(`unknown migration ${JSON.stringify(name)}; known: ${Object.keys(all).join(", ")}`);
  const migrator = await createMigrator(db, dialect);
  return applied(await migrator.migrateTo(name));
}

async function createMigrator<DB>(db: Kysely<DB>, dialect: SqlDialect): Promise<Migrator> {
  const all = migrations(dialect);
  return new Migrator({
    db,
    provider: { getMigrations: async () => all },
    // Kysely looks for its bookkeeping tables in every schema unless told which one; with a
    // schema per test run (or per tenant) it would find another schema's and skip ours.
    ...(dialect === "postgres" ? { migrationTableSchema: await currentSchema(db) } : {}),
  });
}

async function currentSchema<DB>(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (schema === undefined || schema === null)
    throw new Error("PostgreSQL has no current schema: check the search_path of the database user");
  return schema;
}

function applied({ error, results }: MigrationResultSet): string[] {
  const failed = results?.find((r) => r.status === "Error");
  if (error !== undefined) {
    const where = failed === undefined ? "" : ` in ${failed.migrationName}`;
    throw new Error(`database migration failed${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

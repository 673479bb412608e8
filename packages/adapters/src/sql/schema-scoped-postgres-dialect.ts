import { PostgresAdapter, PostgresDialect, sql, type DialectAdapter, type Kysely, type MigrationLockOptions } from "kysely";

/**
 * PostgreSQL whose migration lock covers one schema, not the whole database. Kysely's own
 * lock is a single advisory lock id, so databases migrating in different schemas (one per
 * test file, one per tenant) would queue behind each other for no reason.
 */
export class SchemaScopedPostgresDialect extends PostgresDialect {
  override createAdapter(): DialectAdapter {
    return new SchemaScopedPostgresAdapter();
  }
}

class SchemaScopedPostgresAdapter extends PostgresAdapter {
  override async acquireMigrationLock(db: Kysely<unknown>, options: MigrationLockOptions): Promise<void> {
    await sql`select pg_advisory_lock(hashtextextended(${lockName(options)}, 0))`.execute(db);
  }

  override async releaseMigrationLock(db: Kysely<unknown>, options: MigrationLockOptions): Promise<void> {
    await sql`select pg_advisory_unlock(hashtextextended(${lockName(options)}, 0))`.execute(db);
  }
}

const lockName = (options: MigrationLockOptions): string => `${options.lockTableSchema ?? "public"}.${options.lockTable}`;

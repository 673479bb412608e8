import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from "kysely";
import { isHeld, transactionScope } from "./transaction-scope.js";

/**
 * SQLite whose transactions start with `BEGIN IMMEDIATE`: the write lock is taken up front,
 * so two processes on one file queue on busy_timeout instead of failing with SQLITE_BUSY
 * when a read transaction tries to upgrade. Kysely's own driver issues a plain `BEGIN`.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async acquireConnection(): Promise<DatabaseConnection> {
    // SQLite has one connection; the transaction of this async context owns it until commit.
    if (isHeld(this)) {
      throw new Error(
        "a query outside the transaction was started inside UnitOfWork.run and would deadlock on SQLite; use the repositories passed to the work function",
      );
    }
    return super.acquireConnection();
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
    transactionScope.getStore()?.add(this);
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await super.commitTransaction(connection);
    transactionScope.getStore()?.delete(this);
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } finally {
      transactionScope.getStore()?.delete(this);
    }
  }
}

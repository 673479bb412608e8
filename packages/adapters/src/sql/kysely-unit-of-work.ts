import type { ControlledTransaction, Kysely } from "kysely";
import type { Repositories, Result, UnitOfWork } from "@emporium/domain";
import { createKyselyRepositories, type RepositoryOptions } from "./create-kysely-repositories.js";
import type { Database, SqlDialect } from "./database.js";
import { isHeld, runHolding } from "./transaction-scope.js";

/**
 * One database transaction per `run`: `work` gets repositories bound to it; an ok result
 * commits, an error result or a throw rolls back (outbox rows included). On SQLite the
 * transaction starts with BEGIN IMMEDIATE (see ImmediateSqliteDialect).
 */
export class KyselyUnitOfWork implements UnitOfWork {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
    private readonly options: RepositoryOptions,
  ) {}

  run<T, E>(work: (tx: Repositories) => Promise<Result<T, E>>): Promise<Result<T, E>> {
    return this.runWith((tx) => work(tx));
  }

  /** `run`, also handing `work` the transaction itself, for adapter-level tables (e.g. KyselyProcessedEvents). */
  async runWith<T, E>(work: (tx: Repositories, trx: Kysely<Database>) => Promise<Result<T, E>>): Promise<Result<T, E>> {
    if (isHeld(this))
      throw new Error("UnitOfWork.run was called inside UnitOfWork.run; pass the outer transaction's repositories down instead");
    return runHolding(this, async () => {
      const trx = await this.db.startTransaction().execute();
      let result: Result<T, E>;
      try {
        result = await work(createKyselyRepositories(trx, this.dialect, this.options), trx);
      } catch (error) {
        await rollbackQuietly(trx);
        throw error;
      }
      if (!result.ok) {
        await trx.rollback().execute();
        return result;
      }
      try {
        await trx.commit().execute();
      } catch (error) {
        // A failed COMMIT (a deferred foreign key, SQLITE_BUSY) leaves the transaction open on SQLite.
        await rollbackQuietly(trx);
        throw error;
      }
      return result;
    });
  }
}

// The error that made us roll back matters more than a failure of the rollback itself.
async function rollbackQuietly(trx: ControlledTransaction<Database>): Promise<void> {
  try {
    await trx.rollback().execute();
  } catch {
    return;
  }
}

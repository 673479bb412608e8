import type { Repositories } from "@emporium/domain";
import { createDatabase, type CreateDatabaseOptions, type SqlDatabase } from "./create-database.js";
import { createKyselyRepositories } from "./create-kysely-repositories.js";
import { parseDatabaseUrl } from "./database-url.js";
import { checkDataKeys } from "./encryption/check-data-keys.js";
import type { DataKeys } from "./encryption/data-key.js";
import type { FieldCipher } from "./encryption/field-cipher.js";
import { openFieldCipher } from "./encryption/open-field-cipher.js";
import { KyselyMailbox } from "./kysely-mailbox.js";
import type { TraceIdSource } from "./kysely-outbox.js";
import { KyselyOutboxRelay } from "./kysely-outbox-relay.js";
import { KyselyProcessedEvents } from "./kysely-processed-events.js";
import { KyselySettings } from "./kysely-settings.js";
import { KyselyUnitOfWork } from "./kysely-unit-of-work.js";
import { migrateToLatest } from "./migrate.js";

export interface SqlPersistenceOptions extends CreateDatabaseOptions {
  /** Apply pending migrations on open (default true). */
  readonly migrate?: boolean;
  readonly traceId?: TraceIdSource;
  /**
   * DATA_ENCRYPTION_KEY and DATA_ENCRYPTION_KEYS. Without a current key a SQLite file keeps a
   * generated one beside it and PostgreSQL is refused (see `openFieldCipher`).
   */
  readonly dataKeys?: DataKeys;
}

export interface SqlPersistence {
  readonly database: SqlDatabase;
  readonly uow: KyselyUnitOfWork;
  /** On the primary: reads that must see the latest writes, and single-statement writes. */
  readonly repos: Repositories;
  /** On the replica when there is one (read-only use cases); the primary otherwise. */
  readonly readRepos: Repositories;
  readonly relay: KyselyOutboxRelay;
  readonly processedEvents: KyselyProcessedEvents;
  readonly mailbox: KyselyMailbox;
  readonly settings: KyselySettings;
  /** Seals personal data at rest; `resealPersonalData` re-seals under its current key. */
  readonly cipher: FieldCipher;
  close(): Promise<void>;
}

/**
 * Opens the database, migrates it, opens the personal data cipher (checking that it holds the
 * keys the stored data needs) and builds every SQL adapter over them.
 */
export async function createSqlPersistence(options: SqlPersistenceOptions): Promise<SqlPersistence> {
  const database = await createDatabase(options);
  let cipher: FieldCipher;
  try {
    // After createDatabase, which makes the SQLite file's directory for the key file beside it.
    cipher = openFieldCipher(parseDatabaseUrl(options.url), options.dataKeys ?? { current: null, old: [] });
    if (options.migrate ?? true) await migrateToLatest(database.db, database.dialect);
    await checkDataKeys(database.db, cipher);
  } catch (error) {
    await database.close();
    throw error;
  }
  const { db, replica, dialect } = database;
  const repositoryOptions = { cipher, ...(options.traceId === undefined ? {} : { traceId: options.traceId }) };
  const repos = createKyselyRepositories(db, dialect, repositoryOptions);
  return {
    database,
    uow: new KyselyUnitOfWork(db, dialect, repositoryOptions),
    repos,
    readRepos: replica === db ? repos : createKyselyRepositories(replica, dialect, repositoryOptions),
    relay: new KyselyOutboxRelay(db, dialect),
    processedEvents: new KyselyProcessedEvents(),
    mailbox: new KyselyMailbox(db),
    settings: new KyselySettings(db),
    cipher,
    close: () => database.close(),
  };
}

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInMemoryPersistence } from "../memory/create-in-memory-persistence.js";
import { createSqlPersistence, type SqlPersistence } from "../sql/create-sql-persistence.js";
import { createTestSchema, postgresUnavailable } from "../sql/test-support/postgres.js";
import { TEST_DATA_KEYS } from "../sql/test-support/test-data-keys.js";
import type { PersistenceHarness } from "./harness.js";

export interface PersistenceTarget {
  readonly name: "memory" | "sqlite" | "postgres";
  /** Null when the target runs here; otherwise why not, in one line (throws under CI=true). */
  unavailable(): Promise<string | null>;
  /** A fresh, empty, migrated store. */
  create(): Promise<PersistenceHarness>;
}

/** Every store the ports have an adapter for: memory, SQLite (a temp file each), PostgreSQL (a schema each). */
export function persistenceTargets(): PersistenceTarget[] {
  return [
    {
      name: "memory",
      unavailable: async () => null,
      create: async () => {
        const persistence = createInMemoryPersistence();
        return {
          uow: persistence.uow,
          repos: persistence.repos,
          outboxEventIds: async () => (await persistence.outbox.all()).map((event) => event.id),
          close: async () => undefined,
        };
      },
    },
    {
      name: "sqlite",
      unavailable: async () => null,
      create: async () => {
        const dir = mkdtempSync(join(tmpdir(), "emporium-sqlite-"));
        const persistence = await createSqlPersistence({ url: `sqlite:${join(dir, "emporium.db")}` });
        return sqlHarness(persistence, async () => rmSync(dir, { recursive: true, force: true }));
      },
    },
    {
      name: "postgres",
      unavailable: postgresUnavailable,
      create: async () => {
        const schema = await createTestSchema("contract");
        const persistence = await createSqlPersistence({ url: schema.url, schema: schema.schema, poolSize: 5, dataKeys: TEST_DATA_KEYS });
        return sqlHarness(persistence, () => schema.drop());
      },
    },
  ];
}

function sqlHarness(persistence: SqlPersistence, cleanUp: () => Promise<void>): PersistenceHarness {
  const { db } = persistence.database;
  return {
    uow: persistence.uow,
    repos: persistence.repos,
    outboxEventIds: async () => (await db.selectFrom("outbox").select("id").orderBy("seq").execute()).map((row) => row.id),
    close: async () => {
      await persistence.close();
      await cleanUp();
    },
  };
}

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqlPersistence, type SqlPersistence, type SqlPersistenceOptions } from "../create-sql-persistence.js";
import { createTestSchema, postgresUnavailable } from "./postgres.js";
import { TEST_DATA_KEYS } from "./test-data-keys.js";

export interface SqlTarget {
  readonly dialect: "sqlite" | "postgres";
  /** Null when the target runs here; otherwise why not, in one line (throws under CI=true). */
  unavailable(): Promise<string | null>;
  /** A fresh, migrated database; `close` also deletes it. */
  open(options?: Omit<SqlPersistenceOptions, "url">): Promise<SqlPersistence>;
}

/** SQLite (a temp file each) and PostgreSQL (a schema each), for tests of the SQL adapters beyond the ports. */
export function sqlTargets(): SqlTarget[] {
  return [
    {
      dialect: "sqlite",
      unavailable: async () => null,
      open: async (options = {}) => {
        const dir = mkdtempSync(join(tmpdir(), "emporium-sql-"));
        const persistence = await createSqlPersistence({ ...options, url: `sqlite:${join(dir, "emporium.db")}` });
        return withCleanUp(persistence, async () => rmSync(dir, { recursive: true, force: true }));
      },
    },
    {
      dialect: "postgres",
      unavailable: postgresUnavailable,
      open: async (options = {}) => {
        const schema = await createTestSchema("sql");
        const persistence = await createSqlPersistence({
          poolSize: 5,
          dataKeys: TEST_DATA_KEYS,
          ...options,
          url: schema.url,
          schema: schema.schema,
        });
        return withCleanUp(persistence, () => schema.drop());
      },
    },
  ];
}

function withCleanUp(persistence: SqlPersistence, cleanUp: () => Promise<void>): SqlPersistence {
  return {
    ...persistence,
    close: async () => {
      await persistence.close();
      await cleanUp();
    },
  };
}

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqlPersistence, type SqlPersistence } from "../../sql/create-sql-persistence.js";
import { createTestSchema, postgresUnavailable } from "../../sql/test-support/postgres.js";
import { TEST_DATA_KEYS } from "../../sql/test-support/test-data-keys.js";
import { ShopContext } from "./shop-operations.js";
import { InProcessShoppers, type Shoppers } from "./shoppers.js";
import { SqliteShoppers } from "./sqlite-shoppers.js";

/** A fresh store and the shoppers working on it. */
export interface ConcurrencyStore {
  /** The test's own connection: for seeding before the shoppers start and checking after they stop. */
  readonly persistence: SqlPersistence;
  readonly shoppers: Shoppers;
  /** How many checkouts each shopper keeps in flight. */
  readonly parallelism: number;
  close(): Promise<void>;
}

export interface ConcurrencyTarget {
  readonly dialect: "sqlite" | "postgres";
  /** Null when the target runs here; otherwise why not, in one line (throws under CI=true). */
  unavailable(): Promise<string | null>;
  /** A fresh, migrated database with shoppers on it. */
  open(): Promise<ConcurrencyStore>;
  /** Stops what outlives one store (the SQLite shopper threads). */
  dispose(): Promise<void>;
}

// Three connections fight for SQLite's write lock (loading the sources into each thread costs a
// second or two of CPU); within a thread, a few checkouts queue for its one connection.
const SQLITE_THREADS = 3;
const SQLITE_PARALLELISM = 4;
// Every checkout in flight at once, queueing for the ten pooled PostgreSQL connections.
const POSTGRES_POOL = 10;
const POSTGRES_SHOPPERS = 4;
const POSTGRES_PARALLELISM = 1_000;

/** SQLite shoppers on worker threads, each with its own connection to a fresh file per store. */
export function sqliteConcurrencyTarget(): ConcurrencyTarget {
  let threads: SqliteShoppers | undefined;
  return {
    dialect: "sqlite",
    unavailable: async () => null,
    open: async () => {
      threads ??= SqliteShoppers.start(SQLITE_THREADS);
      const dir = mkdtempSync(join(tmpdir(), "emporium-concurrency-"));
      const url = `sqlite:${join(dir, "shop.db")}`;
      const persistence = await createSqlPersistence({ url });
      const shoppers = threads;
      try {
        await shoppers.open(url);
      } catch (error) {
        await persistence.close();
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
      return {
        persistence,
        shoppers,
        parallelism: SQLITE_PARALLELISM,
        close: async () => {
          await shoppers.closeDatabase();
          await persistence.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
    dispose: async () => {
      await threads?.stop();
      threads = undefined;
    },
  };
}

/** PostgreSQL shoppers in this process over one pool, a fresh schema per store. */
export function postgresConcurrencyTarget(): ConcurrencyTarget {
  return {
    dialect: "postgres",
    unavailable: postgresUnavailable,
    open: async () => {
      const schema = await createTestSchema("concurrency");
      const persistence = await createSqlPersistence({
        url: schema.url,
        schema: schema.schema,
        poolSize: POSTGRES_POOL,
        dataKeys: TEST_DATA_KEYS,
      }).catch(async (error: unknown) => {
        await schema.drop();
        throw error;
      });
      return {
        persistence,
        shoppers: new InProcessShoppers(new ShopContext(persistence), POSTGRES_SHOPPERS),
        parallelism: POSTGRES_PARALLELISM,
        close: async () => {
          await persistence.close();
          await schema.drop();
        },
      };
    },
    dispose: async () => undefined,
  };
}

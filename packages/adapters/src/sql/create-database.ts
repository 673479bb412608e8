import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely } from "kysely";
import pg from "pg";
import type { Database, SqlDialect } from "./database.js";
import { parseDatabaseUrl } from "./database-url.js";
import { preparedStatementPool } from "./prepared-statement-pool.js";
import { ImmediateSqliteDialect } from "./immediate-sqlite-dialect.js";
import { SchemaScopedPostgresDialect } from "./schema-scoped-postgres-dialect.js";
import { sqliteStatementCache } from "./sqlite-statement-cache.js";

export interface CreateDatabaseOptions {
  readonly url: string;
  /** PostgreSQL only: a read replica for read-only queries. */
  readonly replicaUrl?: string | null;
  /** PostgreSQL pool size per database (default 10). */
  readonly poolSize?: number;
  /** PostgreSQL statement timeout (default 30 s). */
  readonly statementTimeoutMs?: number;
  /** PostgreSQL: data statements as named prepared statements (default true; see `preparedStatementPool`). */
  readonly preparedStatements?: boolean;
  /** PostgreSQL schema to work in (its search_path); tests use a fresh one per run. */
  readonly schema?: string;
  /** Called when an idle pooled connection fails (the pool replaces it). */
  readonly onPoolError?: (error: Error) => void;
}

export interface SqlDatabase {
  readonly db: Kysely<Database>;
  /** The read replica, or `db` itself when there is none. */
  readonly replica: Kysely<Database>;
  readonly dialect: SqlDialect;
  close(): Promise<void>;
}

/** Opens the database a DATABASE_URL names (see `parseDatabaseUrl`). */
export async function createDatabase(options: CreateDatabaseOptions): Promise<SqlDatabase> {
  const target = parseDatabaseUrl(options.url);
  if (target.dialect === "sqlite") {
    if (options.replicaUrl) throw new Error("DATABASE_REPLICA_URL is only supported with PostgreSQL; unset it for sqlite:");
    const db = openSqlite(target.filename);
    return { db, replica: db, dialect: "sqlite", close: () => db.destroy() };
  }
  const db = openPostgres(target.connectionString, options);
  const replica = options.replicaUrl ? openPostgres(parseReplicaUrl(options.replicaUrl), options) : db;
  return {
    db,
    replica,
    dialect: "postgres",
    close: async () => {
      await db.destroy();
      if (replica !== db) await replica.destroy();
    },
  };
}

function openSqlite(filename: string): Kysely<Database> {
  const inMemory = filename === ":memory:";
  if (!inMemory) mkdirSync(dirname(resolve(filename)), { recursive: true });
  const connection = new BetterSqlite3(filename);
  if (!inMemory) connection.pragma("journal_mode = WAL");
  connection.pragma("busy_timeout = 5000");
  connection.pragma("foreign_keys = ON");
  connection.pragma("synchronous = NORMAL");
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqliteStatementCache(connection) }) });
}

// int8 (counts, bigint money, identity columns) and numeric (averages) arrive as strings by
// default; every value this schema stores in them is a safe integer or a plain average.
const NUMBER_TYPES = new Set<number>([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    NUMBER_TYPES.has(oid) ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function openPostgres(connectionString: string, options: CreateDatabaseOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${plainIdentifier(options.schema)}` }),
    types: pgTypes,
  });
  // Without a listener an idle client's error would crash the process.
  pool.on("error", options.onPoolError ?? (() => undefined));
  return new Kysely<Database>({
    dialect: new SchemaScopedPostgresDialect({ pool: options.preparedStatements === false ? pool : preparedStatementPool(pool) }),
  });
}

function parseReplicaUrl(url: string): string {
  const target = parseDatabaseUrl(url, "DATABASE_REPLICA_URL");
  if (target.dialect !== "postgres") throw new Error("DATABASE_REPLICA_URL must start with postgres://, like DATABASE_URL");
  return target.connectionString;
}

function plainIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/i.test(name))
    throw new Error(`schema name ${JSON.stringify(name)} must be a plain identifier (letters, digits, _)`);
  return name;
}

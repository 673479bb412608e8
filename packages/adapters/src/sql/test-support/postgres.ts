import { randomBytes } from "node:crypto";
import pg from "pg";

/** The PostgreSQL the tests use: TEST_DATABASE_URL, or the local server of DESIGN §11. */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

let availability: Promise<string | null> | undefined;

/**
 * Null when the test PostgreSQL answers; otherwise why not, in one line. With `CI=true` an
 * unreachable server is a failure (it throws), not a reason to skip.
 */
export function postgresUnavailable(): Promise<string | null> {
  availability ??= probe().then((reason) => {
    if (reason !== null && process.env.CI === "true") {
      throw new Error(`PostgreSQL is required when CI=true: ${reason}`);
    }
    return reason;
  });
  return availability;
}

async function probe(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 2000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("select 1");
    return null;
  } catch (error) {
    return `PostgreSQL at ${redact(TEST_POSTGRES_URL)} is unreachable (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface TestSchema {
  /** A fresh, empty schema: use it as `createDatabase({ url, schema })`. */
  readonly schema: string;
  readonly url: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/** Creates a uniquely named schema, so test files can share the server in parallel. */
export async function createTestSchema(prefix = "test"): Promise<TestSchema> {
  const schema = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await postgresAdmin(`create schema "${schema}"`);
  return {
    schema,
    url: TEST_POSTGRES_URL,
    drop: () => postgresAdmin(`drop schema if exists "${schema}" cascade`),
  };
}

/** Runs one statement as the test server's superuser, on a connection of its own. */
export async function postgresAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const redact = (url: string): string => url.replace(/\/\/([^:/@]*):[^@/]*@/, "//$1:***@");

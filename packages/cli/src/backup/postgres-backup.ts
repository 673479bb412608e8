import { spawn } from "node:child_process";
import { resolve } from "node:path";
import pg from "pg";
import { CliError } from "../cli-error.js";
import { ExitCode } from "../exit-codes.js";

/**
 * Dumps the PostgreSQL database (its current schema, when that is not `public`) to `target`
 * with `pg_dump --format=custom`.
 */
export async function backupPostgres(url: string, target: string): Promise<void> {
  const connection = await describeConnection(url);
  const schema = connection.schema === "public" ? [] : [`--schema=${connection.schema}`];
  await runTool(
    "pg_dump",
    ["--format=custom", "--no-owner", "--no-privileges", ...schema, `--file=${resolve(target)}`, `--dbname=${connection.uri}`],
    connection.env,
  );
}

/**
 * Restores a `pg_dump --format=custom` file with `pg_restore --clean --if-exists` in one
 * transaction: every object of the dump is dropped and recreated, or nothing changes.
 * Stop servers and workers first: the drops wait for their locks.
 */
export async function restorePostgres(url: string, source: string, { force }: { readonly force: boolean }): Promise<void> {
  const connection = await describeConnection(url);
  if (connection.hasShop && !force) {
    throw new CliError(
      `DATABASE_URL already holds a shop (schema ${connection.schema}); restoring replaces it: add --force to go ahead`,
      ExitCode.conflict,
    );
  }
  await runTool(
    "pg_restore",
    [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--no-privileges",
      "--single-transaction",
      "--exit-on-error",
      `--dbname=${connection.uri}`,
      resolve(source),
    ],
    connection.env,
  );
}

interface Connection {
  /** DATABASE_URL without its password, which goes in PGPASSWORD so it stays out of the process list. */
  readonly uri: string;
  readonly env: NodeJS.ProcessEnv;
  readonly schema: string;
  /** Whether the schema holds Emporium's tables already. */
  readonly hasShop: boolean;
}

async function describeConnection(url: string): Promise<Connection> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ schema: string | null; migrations: string | null }>(
      "select current_schema() as schema, to_regclass('kysely_migration')::text as migrations",
    );
    const schema = rows[0]?.schema ?? null;
    if (schema === null) throw new CliError("PostgreSQL has no current schema for DATABASE_URL: check its search_path", ExitCode.config);
    const parsed = new URL(url);
    const password = decodeURIComponent(parsed.password);
    parsed.password = "";
    // libpq reads "+" in a query literally, where URL encoders (and node-postgres) mean a space.
    parsed.search = [...parsed.searchParams].map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join("&");
    return { uri: parsed.toString(), env: password === "" ? {} : { PGPASSWORD: password }, schema, hasShop: rows[0]?.migrations !== null };
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new Error(`cannot connect to PostgreSQL at DATABASE_URL: ${(error as Error).message}`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs a PostgreSQL client tool; one line naming what is missing when it is not installed. */
function runTool(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") {
        fail(
          new CliError(
            `${command} is not installed: install the PostgreSQL client tools of the server's major version or newer (Debian: apt-get install postgresql-client)`,
            ExitCode.failure,
          ),
        );
      } else fail(error);
    });
    child.on("close", (code) => {
      if (code === 0) done();
      else fail(new Error(`${command} failed (exit ${code}): ${firstLine(stderr)}`));
    });
  });
}

const firstLine = (text: string): string =>
  text
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line !== "") ?? "no message";

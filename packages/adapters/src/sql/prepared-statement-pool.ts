import { createHash } from "node:crypto";
import type { PostgresPool, PostgresPoolClient } from "kysely";
import type pg from "pg";

export interface PreparedStatementPoolOptions {
  /** How many distinct statements get a name; later ones run unnamed (default 500). */
  readonly maxStatements?: number;
  /** Statements with more parameters (bulk inserts, long IN lists) run unnamed (default 64). */
  readonly maxParameters?: number;
}

const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i;

/**
 * The pool Kysely is given, running its data statements as named prepared statements: each
 * connection parses a statement once and PostgreSQL may keep its plan, instead of parsing and
 * planning every execution anew. Names are derived from the text, so every connection agrees on
 * them; how many texts get one is bounded, since each costs memory in every server process.
 */
export function preparedStatementPool(pool: pg.Pool, options: PreparedStatementPoolOptions = {}): PostgresPool {
  const maxStatements = options.maxStatements ?? 500;
  const maxParameters = options.maxParameters ?? 64;
  const names = new Map<string, string>();
  const nameOf = (text: string, parameterCount: number): string | undefined => {
    const known = names.get(text);
    if (known !== undefined || names.size >= maxStatements || parameterCount > maxParameters || !DATA_STATEMENT.test(text)) return known;
    const name = `emporium_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    names.set(text, name);
    return name;
  };
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    query: ((statement: unknown, values?: readonly unknown[]) =>
      typeof statement === "string"
        ? client.query({ text: statement, values: values as unknown[], name: nameOf(statement, values?.length ?? 0) })
        : client.query(statement as never)) as unknown as PostgresPoolClient["query"],
    release: () => client.release(),
  });
  return {
    async connect() {
      const client = await pool.connect();
      let wrapped = clients.get(client);
      if (wrapped === undefined) clients.set(client, (wrapped = wrap(client)));
      return wrapped;
    },
    end: () => pool.end(),
  };
}

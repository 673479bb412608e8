import type { Database as BetterSqlite3Database, Statement } from "better-sqlite3";
import type { SqliteDatabase } from "kysely";

/**
 * The connection as Kysely's SQLite driver sees it, with prepared statements kept for reuse.
 * The driver prepares every query it runs; preparing showed as 5–7 % of the server's CPU in
 * profiles of checkout and search. The `size` least recently used statements are kept (IN lists
 * of different lengths are different statements), and a statement still iterating a result is
 * never handed out a second time.
 */
export function sqliteStatementCache(connection: BetterSqlite3Database, size = 500): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    close: () => connection.close(),
    prepare(sql: string) {
      const cached = statements.get(sql);
      if (cached !== undefined && !cached.busy) {
        // Re-inserted, so the first key of the map is the least recently used.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = connection.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > size) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
}

import type { Insertable, Kysely } from "kysely";
import type { Database, SqlDialect } from "./database.js";

type Table = keyof Database & string;

/**
 * Inserts a row and the rows of its lines (an order, a reservation). PostgreSQL writes both in
 * one statement, the parent in a CTE, so the pair costs one round trip; SQLite, in process, two.
 */
export async function insertWithLines<P extends Table, L extends Table>(
  db: Kysely<Database>,
  dialect: SqlDialect,
  parent: { readonly table: P; readonly row: Insertable<Database[P]> },
  lines: { readonly table: L; readonly rows: readonly Insertable<Database[L]>[] },
): Promise<void> {
  // Kysely cannot check values against a table chosen by a type parameter; the signature does.
  const loose = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const parentTable: string = parent.table;
  const linesTable: string = lines.table;
  const parentRow = parent.row as Record<string, unknown>;
  const lineRows = lines.rows as Record<string, unknown>[];
  if (dialect === "postgres" && lineRows.length > 0) {
    await loose
      .with("parent_row", (cte) => cte.insertInto(parentTable).values(parentRow))
      .insertInto(linesTable)
      .values(lineRows)
      .execute();
    return;
  }
  await loose.insertInto(parentTable).values(parentRow).execute();
  if (lineRows.length > 0) await loose.insertInto(linesTable).values(lineRows).execute();
}

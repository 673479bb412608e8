import { sql, type Expression, type RawBuilder, type SqlBool } from "kysely";
import type { Page, PageRequest } from "@emporium/domain";
import { InvalidCursorError } from "../memory/memory-page.js";

export type KeyValue = string | number;

/** One element of a sort key: an expression, its direction, and the type of its values. */
export interface SortKey {
  readonly expression: Expression<unknown>;
  readonly descending: boolean;
  readonly type: "string" | "number";
}

/** The page size a request asks for, at least 1. */
export const pageLimit = (page: PageRequest): number => Math.max(1, Math.floor(page.limit));

/**
 * Keyset pagination: "rows after this key" in the order of `keys`, so page 100 costs what page 1
 * costs and rows inserted between pages are neither skipped nor repeated. Mixed directions rule
 * out a row-value comparison, so it is spelled out: k1 > v1 or (k1 = v1 and k2 > v2) …, behind
 * the redundant bound k1 >= v1. Without that bound neither SQLite nor PostgreSQL seeks the index
 * on k1 through the OR: they walk it from the first row, and page 200 cost four times page 1.
 */
export function after(keys: readonly SortKey[], values: readonly KeyValue[]): RawBuilder<SqlBool> {
  const alternatives = keys.map((key, i) => {
    const equalBefore = keys.slice(0, i).map((previous, j) => sql`${previous.expression} = ${values[j]}`);
    const beyond = sql`${key.expression} ${sql.raw(key.descending ? "<" : ">")} ${values[i]}`;
    return sql`(${sql.join([...equalBefore, beyond], sql` and `)})`;
  });
  const [first] = keys;
  if (first === undefined) throw new RangeError("keyset pagination needs at least one sort key");
  const bound = sql`${first.expression} ${sql.raw(first.descending ? "<=" : ">=")} ${values[0]}`;
  return sql<SqlBool>`(${bound} and (${sql.join(alternatives, sql` or `)}))`;
}

/** The ORDER BY of `keys`. */
export function orderBy(keys: readonly SortKey[]): RawBuilder<unknown> {
  return sql`${sql.join(keys.map((key) => sql`${key.expression} ${sql.raw(key.descending ? "desc" : "asc")}`))}`;
}

export function encodeCursor(values: readonly KeyValue[]): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

/** The key a cursor carries; throws `InvalidCursorError` for one this list did not produce. */
export function decodeCursor(cursor: string, keys: readonly SortKey[]): KeyValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError(cursor);
  }
  const valid = Array.isArray(parsed) && parsed.length === keys.length && keys.every((key, i) => typeof parsed[i] === key.type);
  if (!valid) throw new InvalidCursorError(cursor);
  return parsed as KeyValue[];
}

/**
 * A page from rows fetched with `limit + 1`: the extra row only says there is more.
 * `keyOf` gives the sort key of a row, which the cursor carries.
 */
export function toPage<R, T>(rows: readonly R[], limit: number, keyOf: (row: R) => readonly KeyValue[], map: (rows: R[]) => T[]): Page<T> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    items: map(pageRows),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

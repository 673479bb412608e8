import type { Page, PageRequest } from "@emporium/domain";

export type SortValue = string | number;

/** How a list is ordered: a key tuple per item (its last element unique, e.g. the id) and a direction per element. */
export interface Ordering<T> {
  readonly key: (item: T) => readonly SortValue[];
  readonly descending: readonly boolean[];
}

/**
 * One keyset page of `items`. The cursor is the base64url key of the last item returned,
 * so inserts and deletes between pages neither skip nor repeat items.
 */
export function paginate<T>(items: Iterable<T>, ordering: Ordering<T>, page: PageRequest): Page<T> {
  const limit = Math.max(1, Math.floor(page.limit));
  const keyed = [...items].map((item) => ({ item, key: ordering.key(item) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key, ordering.descending));
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const rest = after === null ? keyed : keyed.filter((entry) => compareKeys(entry.key, after, ordering.descending) > 0);
  const slice = rest.slice(0, limit);
  const last = slice.at(-1);
  return {
    items: slice.map((entry) => entry.item),
    nextCursor: rest.length > limit && last !== undefined ? encodeCursor(last.key) : null,
  };
}

function compareKeys(a: readonly SortValue[], b: readonly SortValue[], descending: readonly boolean[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const order = typeof x === typeof y ? (x < y ? -1 : 1) : typeof x === "number" ? -1 : 1;
    return descending[i] === true ? -order : order;
  }
  return 0;
}

function encodeCursor(key: readonly SortValue[]): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

function decodeCursor(cursor: string): SortValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError(cursor);
  }
  if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === "string" || typeof v === "number")) {
    throw new InvalidCursorError(cursor);
  }
  return parsed;
}

/** A cursor that no page of this list produced (tampered or from another list). */
export class InvalidCursorError extends Error {
  readonly code = "request.malformed";
  constructor(cursor: string) {
    super(`cursor ${JSON.stringify(cursor.slice(0, 40))} is not valid for this list; start again without a cursor`);
    this.name = "InvalidCursorError";
  }
}

import { err, invalid, ok, type InvalidInputError, type Result } from "../errors.js";
import type { Page } from "../ports/page.js";
import { pageLimit } from "./page-limit.js";

// Report rows are computed whole (scores need every customer), so a page is a slice of them.
const OFFSET = /^(0|[1-9][0-9]{0,8})$/;

/**
 * One page of rows computed in full: the cursor is the offset of the page's first row. A cursor
 * that is not one is `request.invalid` on `cursor`.
 */
export function offsetPage<T>(
  rows: readonly T[],
  limit: number | undefined,
  cursor: string | null | undefined,
): Result<Page<T>, InvalidInputError> {
  if (cursor !== undefined && cursor !== null && !OFFSET.test(cursor)) {
    return err(invalid({ path: "cursor", message: "is not a cursor this report issued" }));
  }
  const start = cursor === undefined || cursor === null ? 0 : Number(cursor);
  const end = start + pageLimit(limit);
  return ok({ items: rows.slice(start, end), nextCursor: end < rows.length ? String(end) : null });
}

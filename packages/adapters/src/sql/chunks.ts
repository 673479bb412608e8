/**
 * Splits `items` into runs of at most `size`, for statements with one bound parameter (or row)
 * per item: SQLite allows 32,766 parameters in a statement and PostgreSQL 65,535.
 */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const runs: T[][] = [];
  for (let start = 0; start < items.length; start += size) runs.push(items.slice(start, start + size));
  return runs;
}

/**
 * Conversions between domain values and the columns of `database.ts`, the same for both
 * dialects: what goes in is text or numbers, what comes out is whatever the driver made of it.
 */

export const iso = (date: Date): string => date.toISOString();

export const isoOrNull = (date: Date | null): string | null => (date === null ? null : date.toISOString());

/** A timestamp column: PostgreSQL returns a Date, SQLite the ISO text written. */
export function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

export const toDateOrNull = (value: Date | string | null): Date | null => (value === null ? null : toDate(value));

export const json = (value: unknown): string => JSON.stringify(value);

/**
 * A JSON column holding an object or array: json arrives parsed from PostgreSQL, text from
 * SQLite. (Columns that may hold a bare JSON string are text on both and use `JSON.parse`.)
 */
export function fromJson<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

export const flag = (value: boolean): number => (value ? 1 : 0);

/** A boolean column: PostgreSQL returns a boolean, SQLite 0/1. */
export const fromFlag = (value: boolean | number): boolean => value === true || value === 1;

import type { ColumnDataType, ColumnDefinitionBuilder } from "kysely";
import type { SqlDialect } from "../database.js";

/** The column types whose spelling differs between the dialects. */
export interface ColumnTypes {
  /** timestamptz on PostgreSQL; ISO-8601 text on SQLite (which sorts like the instant it names). */
  readonly timestamp: ColumnDataType;
  /**
   * json on PostgreSQL (not jsonb, which reorders object keys: option and attribute names
   * must come back in the order the merchant gave them); text on SQLite.
   */
  readonly json: ColumnDataType;
  /** boolean on PostgreSQL; 0/1 integer on SQLite. */
  readonly flag: ColumnDataType;
  readonly real: ColumnDataType;
  /** An auto-incrementing integer primary key (`integer … autoincrement` / identity). */
  readonly serial: ColumnDataType;
  readonly serialKey: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
}

export function columnTypes(dialect: SqlDialect): ColumnTypes {
  if (dialect === "postgres") {
    return {
      timestamp: "timestamptz",
      json: "json",
      flag: "boolean",
      real: "double precision",
      serial: "bigint",
      serialKey: (column) => column.primaryKey().generatedAlwaysAsIdentity(),
    };
  }
  return {
    timestamp: "text",
    json: "text",
    flag: "integer",
    real: "real",
    serial: "integer",
    serialKey: (column) => column.primaryKey().autoIncrement(),
  };
}

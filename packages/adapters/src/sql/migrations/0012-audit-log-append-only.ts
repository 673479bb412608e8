import { sql, type Kysely, type Migration } from "kysely";
import type { SqlDialect } from "../database.js";

/**
 * The audit log only grows: triggers refuse UPDATE and DELETE of its rows (and TRUNCATE on
 * PostgreSQL), whoever asks — a bug, a migration, or an operator at a SQL prompt. Only the
 * owner of the table can drop the triggers; the application role of `emporium db roles` is
 * not that owner.
 */
export const auditLogAppendOnly = (dialect: SqlDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    if (dialect === "postgres") {
      await sql`
        create function audit_log_append_only() returns trigger language plpgsql as $$
        begin
          raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
        end
        $$`.execute(db);
      await sql`
        create trigger audit_log_no_change before update or delete on audit_log
        for each row execute function audit_log_append_only()`.execute(db);
      await sql`
        create trigger audit_log_no_truncate before truncate on audit_log
        for each statement execute function audit_log_append_only()`.execute(db);
      return;
    }
    for (const operation of ["update", "delete"]) {
      await sql`
        create trigger ${sql.raw(`audit_log_no_${operation}`)} before ${sql.raw(operation)} on audit_log
        begin
          select raise(abort, ${sql.lit(`audit_log is append-only: ${operation.toUpperCase()} is not allowed`)});
        end`.execute(db);
    }
  },

  async down(db: Kysely<unknown>) {
    if (dialect === "postgres") {
      await sql`drop trigger audit_log_no_truncate on audit_log`.execute(db);
      await sql`drop trigger audit_log_no_change on audit_log`.execute(db);
      await sql`drop function audit_log_append_only()`.execute(db);
      return;
    }
    for (const operation of ["update", "delete"]) await sql`drop trigger ${sql.raw(`audit_log_no_${operation}`)}`.execute(db);
  },
});

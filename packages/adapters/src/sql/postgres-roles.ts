import { sql, type Kysely } from "kysely";

export interface DatabaseRoleNames {
  /** The role the HTTP servers and workers connect as: reads and writes rows, changes no schema. */
  readonly appRole: string;
  /** A read-only role for reporting and analytics tools. */
  readonly reportRole: string;
}

export const DEFAULT_ROLE_NAMES: DatabaseRoleNames = { appRole: "emporium_app", reportRole: "emporium_report" };

// Tables only migrations write: the application reads them to see that the schema is current.
const MIGRATION_TABLES = ["kysely_migration", "kysely_migration_lock"];

/**
 * Creates (when missing) the application and reporting roles on PostgreSQL and grants them
 * their privileges on the current schema's tables and sequences (migrate it first), present and future (default
 * privileges for objects the calling role — the schema owner that runs migrations — creates).
 * The application role reads and writes rows but may only INSERT into and SELECT from
 * `audit_log` and may not write the migration tables; the reporting role may only SELECT.
 * Both are NOLOGIN: grant them to login users, or `ALTER ROLE … LOGIN PASSWORD …`. Safe to run
 * again. Returns the statements it ran.
 */
export async function createDatabaseRoles<DB>(db: Kysely<DB>, names: DatabaseRoleNames = DEFAULT_ROLE_NAMES): Promise<string[]> {
  const app = plainRole(names.appRole, "--app-role");
  const report = plainRole(names.reportRole, "--report-role");
  if (app === report) throw new Error(`the application and reporting roles must differ, both are ${app}`);
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schemaName = rows[0]?.schema;
  if (schemaName === undefined || schemaName === null) throw new Error("PostgreSQL has no current schema: check the search_path");
  const schema = quote(schemaName);

  const statements = [
    ...[app, report].map(
      (role) =>
        `do $$ begin if not exists (select from pg_roles where rolname = '${role}') then create role ${role} nologin; end if; end $$`,
    ),
    `grant usage on schema ${schema} to ${app}, ${report}`,
    `grant select, insert, update, delete on all tables in schema ${schema} to ${app}`,
    `revoke update, delete, truncate on ${schema}.audit_log from ${app}`,
    ...MIGRATION_TABLES.map((table) => `revoke insert, update, delete, truncate on ${schema}.${table} from ${app}`),
    `grant usage, select on all sequences in schema ${schema} to ${app}`,
    `grant select on all tables in schema ${schema} to ${report}`,
    `alter default privileges in schema ${schema} grant select, insert, update, delete on tables to ${app}`,
    `alter default privileges in schema ${schema} grant usage, select on sequences to ${app}`,
    `alter default privileges in schema ${schema} grant select on tables to ${report}`,
  ];
  // One transaction: a failure half-way leaves the roles as they were.
  await db.transaction().execute(async (trx) => {
    for (const statement of statements) await sql.raw(statement).execute(trx);
  });
  return statements;
}

// Role names go into DDL, which takes no parameters: only plain lower-case identifiers pass.
function plainRole(name: string, option: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`${option} must be a plain role name (lower-case letters, digits and _, up to 63), got ${JSON.stringify(name)}`);
  }
  return name;
}

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqlPersistence, type SqlPersistence } from "./create-sql-persistence.js";
import { createDatabaseRoles } from "./postgres-roles.js";
import { createTestSchema, postgresUnavailable, TEST_POSTGRES_URL, type TestSchema } from "./test-support/postgres.js";
import { TEST_DATA_KEYS } from "./test-support/test-data-keys.js";

const reason = await postgresUnavailable();

describe.skipIf(reason !== null)(`createDatabaseRoles on PostgreSQL${reason === null ? "" : ` (skipped: ${reason})`}`, () => {
  const suffix = randomBytes(4).toString("hex");
  const names = { appRole: `test_app_${suffix}`, reportRole: `test_report_${suffix}` };
  let schema: TestSchema;
  let persistence: SqlPersistence;
  let client: pg.Client;

  beforeAll(async () => {
    schema = await createTestSchema("roles");
    persistence = await createSqlPersistence({ url: schema.url, schema: schema.schema, poolSize: 2, dataKeys: TEST_DATA_KEYS });
    client = new pg.Client({ connectionString: TEST_POSTGRES_URL, options: `-c search_path=${schema.schema}` });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await persistence?.close();
    await schema?.drop();
    const cleanup = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await cleanup.connect();
    try {
      for (const role of [names.appRole, names.reportRole]) {
        const exists = await cleanup.query("select 1 from pg_roles where rolname = $1", [role]);
        if (exists.rowCount === 0) continue;
        await cleanup.query(`drop owned by ${role}`);
        await cleanup.query(`drop role ${role}`);
      }
    } finally {
      await cleanup.end();
    }
  });

  /** Runs `statement` as `role` in a transaction that is always rolled back; the error message when it fails. */
  const asRole = async (role: string, statement: string): Promise<string | null> => {
    await client.query("begin");
    try {
      await client.query(`set local role ${role}`);
      await client.query(statement);
      return null;
    } catch (error) {
      return (error as Error).message;
    } finally {
      await client.query("rollback");
    }
  };

  it("creates both roles and grants them, and running it again changes nothing", async () => {
    const statements = await createDatabaseRoles(persistence.database.db, names);
    expect(statements).toContain(`grant select on all tables in schema "${schema.schema}" to ${names.reportRole}`);
    expect(statements).toContain(`revoke update, delete, truncate on "${schema.schema}".audit_log from ${names.appRole}`);
    expect(await createDatabaseRoles(persistence.database.db, names)).toEqual(statements);
    const roles = await client.query("select rolname, rolcanlogin from pg_roles where rolname = any($1) order by rolname", [
      [names.appRole, names.reportRole],
    ]);
    expect(roles.rows).toEqual([
      { rolname: names.appRole, rolcanlogin: false },
      { rolname: names.reportRole, rolcanlogin: false },
    ]);
  });

  it("lets the reporting role read every table and write none", async () => {
    for (const table of ["products", "orders", "customers", "audit_log", "reviews"]) {
      expect(await asRole(names.reportRole, `select count(*) from ${table}`), table).toBeNull();
    }
    expect(await asRole(names.reportRole, "insert into settings (key, value, updated_at) values ('k', 'v', now())")).toMatch(
      /permission denied for table settings/,
    );
    expect(await asRole(names.reportRole, "update products set name = 'x'")).toMatch(/permission denied for table products/);
    expect(await asRole(names.reportRole, "delete from carts")).toMatch(/permission denied for table carts/);
    expect(await asRole(names.reportRole, "select nextval('order_number_seq')")).toMatch(/permission denied for sequence/);
  });

  it("lets the application role read and write rows, but only insert into the audit log", async () => {
    const audit = `insert into audit_log (id, actor, action, entity_type, entity_id, before, after, request_id, at)
      values ('aud-roles', 'admin', 'product.update', 'product', 'p1', 'null', 'null', null, now())`;
    expect(await asRole(names.appRole, audit)).toBeNull();
    expect(await asRole(names.appRole, "select count(*) from audit_log")).toBeNull();
    expect(await asRole(names.appRole, "update audit_log set actor = 'x'")).toMatch(/permission denied for table audit_log/);
    expect(await asRole(names.appRole, "delete from audit_log")).toMatch(/permission denied for table audit_log/);
    expect(await asRole(names.appRole, "truncate audit_log")).toMatch(/permission denied for table audit_log/);

    expect(await asRole(names.appRole, "insert into settings (key, value, updated_at) values ('k', 'v', now())")).toBeNull();
    expect(await asRole(names.appRole, "update settings set value = 'w'")).toBeNull();
    expect(await asRole(names.appRole, "delete from settings")).toBeNull();
    expect(await asRole(names.appRole, "select nextval('order_number_seq')")).toBeNull();
    expect(
      await asRole(
        names.appRole,
        "insert into mailbox (recipient, template, subject, data, created_at) values ('a@b.c', 't', 's', '{}', now())",
      ),
    ).toBeNull();
  });

  it("keeps the application role out of the schema itself and the migration bookkeeping", async () => {
    expect(await asRole(names.appRole, "create table sneaky (id int)")).toMatch(/permission denied for schema/);
    expect(await asRole(names.appRole, "drop table audit_log")).toMatch(/must be owner of table audit_log/);
    expect(await asRole(names.appRole, "alter table audit_log disable trigger audit_log_no_change")).toMatch(/must be owner/);
    expect(await asRole(names.appRole, "delete from kysely_migration")).toMatch(/permission denied for table kysely_migration/);
    expect(await asRole(names.appRole, "select count(*) from kysely_migration")).toBeNull();
  });

  it("covers tables created after it ran, through default privileges", async () => {
    await client.query("create table later_report (id int)");
    expect(await asRole(names.reportRole, "select * from later_report")).toBeNull();
    expect(await asRole(names.appRole, "insert into later_report values (1)")).toBeNull();
    expect(await asRole(names.reportRole, "insert into later_report values (1)")).toMatch(/permission denied/);
  });

  it("refuses a role name that is not a plain identifier", async () => {
    await expect(createDatabaseRoles(persistence.database.db, { appRole: "app; drop table x", reportRole: "r" })).rejects.toThrow(
      /^--app-role must be a plain role name/,
    );
    await expect(createDatabaseRoles(persistence.database.db, { appRole: "same", reportRole: "same" })).rejects.toThrow(/must differ/);
  });
});

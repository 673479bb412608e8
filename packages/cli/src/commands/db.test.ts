import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_POSTGRES_URL } from "../../../adapters/src/sql/test-support/postgres.js";
import { ExitCode } from "../exit-codes.js";
import { cliTargets, openSqliteShop, type CliShop } from "../test-support/cli-shop.js";

describe("emporium db roles on SQLite", () => {
  it("exits 3 saying it needs PostgreSQL", async () => {
    const shop = await openSqliteShop();
    try {
      const result = await shop.run(["db", "roles"]);
      expect(result.code, result.stderr).toBe(ExitCode.config);
      expect(result.stderr).toBe("emporium: emporium db roles needs a postgres:// DATABASE_URL; SQLite has no roles\n");
    } finally {
      await shop.close();
    }
  });
});

const postgres = cliTargets().find((target) => target.dialect === "postgres")!;
const reason = await postgres.unavailable();

describe.skipIf(reason !== null)(`emporium db roles on PostgreSQL${reason === null ? "" : ` (skipped: ${reason})`}`, () => {
  const suffix = randomBytes(4).toString("hex");
  const appRole = `cli_app_${suffix}`;
  const reportRole = `cli_report_${suffix}`;
  let shop: CliShop;
  let client: pg.Client;

  beforeAll(async () => {
    shop = await postgres.open();
    client = new pg.Client({ connectionString: shop.env.DATABASE_URL });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await shop?.close();
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    try {
      for (const role of [appRole, reportRole]) {
        if ((await admin.query("select 1 from pg_roles where rolname = $1", [role])).rowCount === 0) continue;
        await admin.query(`drop owned by ${role}`);
        await admin.query(`drop role ${role}`);
      }
    } finally {
      await admin.end();
    }
  });

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

  it("migrates, creates both roles, prints the grants, and can run again", async () => {
    const first = await shop.run(["db", "roles", "--app-role", appRole, "--report-role", reportRole]);
    expect(first.code, first.stderr).toBe(ExitCode.ok);
    expect(first.stdout).toMatch(/^Applied \d+ pending migrations first\.\n/);
    expect(first.stdout).toContain(`create role ${appRole} nologin`);
    expect(first.stdout).toMatch(new RegExp(`grant select on all tables in schema "[\\w]+" to ${reportRole};\\n`));
    expect(first.stdout).toMatch(new RegExp(`revoke update, delete, truncate on "[\\w]+"\\.audit_log from ${appRole};\\n`));

    const second = await shop.run(["db", "roles", "--app-role", appRole, "--report-role", reportRole]);
    expect(second.code, second.stderr).toBe(ExitCode.ok);
    expect(second.stdout).not.toContain("pending migration");
  });

  it("gives the reporting role SELECT only, and the application role no UPDATE or DELETE on the audit log", async () => {
    expect(await asRole(reportRole, "select count(*) from orders")).toBeNull();
    expect(await asRole(reportRole, "insert into settings (key, value, updated_at) values ('k', 'v', now())")).toMatch(/permission denied/);
    expect(await asRole(appRole, "insert into settings (key, value, updated_at) values ('k', 'v', now())")).toBeNull();
    expect(await asRole(appRole, "update audit_log set actor = 'x'")).toMatch(/permission denied for table audit_log/);
    expect(await asRole(appRole, "delete from audit_log")).toMatch(/permission denied for table audit_log/);
  });

  it("exits 64 for a role name that is not a plain identifier", async () => {
    const result = await shop.run(["db", "roles", "--app-role", "App-Role"]);
    expect(result.code, result.stderr).toBe(ExitCode.usage);
    expect(result.stderr).toMatch(/^emporium: --app-role must be a plain role name/);
  });
});

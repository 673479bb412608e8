import type { Command } from "@commander-js/extra-typings";
import { createDatabase, createDatabaseRoles, DEFAULT_ROLE_NAMES, loadConfig, migrateToLatest } from "@emporium/adapters";
import { CliError } from "../cli-error.js";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-codes.js";

/** `emporium db …`: database administration beyond migrations. */
export function registerDb(program: Command, io: CliIo): void {
  const db = program.command("db").description("database administration (PostgreSQL)");

  db.command("roles")
    .description(
      "create (if missing) an application role (read/write rows, INSERT-only audit log) and a read-only reporting role, " +
        "grant them on DATABASE_URL's schema, and print the grants; run it as the schema owner, again after upgrades",
    )
    .option("--app-role <name>", "the application's role", DEFAULT_ROLE_NAMES.appRole)
    .option("--report-role <name>", "the reporting role", DEFAULT_ROLE_NAMES.reportRole)
    .action(async ({ appRole, reportRole }) => {
      const { database } = loadConfig(io.env);
      if (database.dialect !== "postgres") {
        throw new CliError("emporium db roles needs a postgres:// DATABASE_URL; SQLite has no roles", ExitCode.config);
      }
      const opened = await createDatabase({ url: database.url, poolSize: 1, statementTimeoutMs: database.statementTimeoutMs });
      try {
        // Grants cover the tables that exist, so the schema is brought up to date first.
        const applied = await migrateToLatest(opened.db, opened.dialect);
        if (applied.length > 0) io.stdout(`Applied ${applied.length} pending migration${applied.length === 1 ? "" : "s"} first.\n`);
        const statements = await createDatabaseRoles(opened.db, { appRole, reportRole });
        io.stdout(`${statements.map((statement) => `${statement};\n`).join("")}`);
        io.stdout(
          `Roles ${appRole} and ${reportRole} are ready (NOLOGIN). Grant them to login users (GRANT ${appRole} TO shop_server) ` +
            `or give them a password (ALTER ROLE ${appRole} LOGIN PASSWORD '…').\n`,
        );
      } catch (error) {
        if (error instanceof Error && /must be a plain role name|must differ/.test(error.message))
          throw new CliError(error.message, ExitCode.usage);
        throw error;
      } finally {
        await opened.close();
      }
    });
}

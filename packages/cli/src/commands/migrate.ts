import type { Command } from "@commander-js/extra-typings";
import { createDatabase, loadConfig, migrateToLatest } from "@emporium/adapters";
import type { CliIo } from "../cli-io.js";

/** `emporium migrate`: applies pending migrations and names them. */
export function registerMigrate(program: Command, io: CliIo): void {
  program
    .command("migrate")
    .description("apply pending database migrations to DATABASE_URL (the server also does this on start)")
    .addHelpText("after", "\nExample:\n  $ DATABASE_URL=postgres://app@db/shop emporium migrate")
    .action(async () => {
      const { database } = loadConfig(io.env);
      const opened = await createDatabase({
        url: database.url,
        replicaUrl: database.replicaUrl,
        poolSize: 1,
        statementTimeoutMs: database.statementTimeoutMs,
      });
      try {
        const applied = await migrateToLatest(opened.db, opened.dialect);
        if (applied.length === 0) io.stdout("The database is up to date.\n");
        else
          io.stdout(
            `Applied ${applied.length} migration${applied.length === 1 ? "" : "s"}:\n${applied.map((name) => `  ${name}\n`).join("")}`,
          );
      } finally {
        await opened.close();
      }
    });
}

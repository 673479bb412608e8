import { createRequire } from "node:module";
import { Command } from "@commander-js/extra-typings";
import type { CliIo } from "./cli-io.js";
import { registerBackup } from "./commands/backup.js";
import { registerDb } from "./commands/db.js";
import { registerDlq } from "./commands/dlq.js";
import { registerExport } from "./commands/export.js";
import { registerImport } from "./commands/import.js";
import { registerKeys } from "./commands/keys.js";
import { registerMail } from "./commands/mail.js";
import { registerMigrate } from "./commands/migrate.js";
import { registerOrders } from "./commands/orders.js";
import { registerOutbox } from "./commands/outbox.js";
import { registerReindex } from "./commands/reindex.js";
import { registerReports } from "./commands/reports.js";
import { registerSeed } from "./commands/seed.js";
import { registerServe } from "./commands/serve.js";
import { registerStock } from "./commands/stock.js";
import { registerUsers } from "./commands/users.js";
import { registerWorker } from "./commands/worker.js";
import { EXIT_CODES_HELP } from "./exit-codes.js";

// src/ and dist/ both sit one level below the package root.
const { version } = createRequire(import.meta.url)("../package.json") as { version: string };

/**
 * The `emporium` command line over `io`. It never exits the process: usage errors surface as
 * commander's CommanderError and command failures as thrown errors, which `runCli` maps to
 * exit statuses.
 */
export function createProgram(io: CliIo) {
  const program = new Command("emporium")
    .description("Emporium shop administration: serve, migrate, import and export, stock, orders, accounts, backups, queues")
    .version(version)
    .option("--verbose", "on failure, print the stack trace and causes too")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showSuggestionAfterError()
    .addHelpText(
      "after",
      `\nThe database is the one DATABASE_URL names (sqlite:./data/emporium.db by default); .env is read if present.\n${EXIT_CODES_HELP}`,
    );
  registerServe(program, io);
  registerWorker(program, io);
  registerMigrate(program, io);
  registerSeed(program, io);
  registerImport(program, io);
  registerExport(program, io);
  registerReindex(program, io);
  registerStock(program, io);
  registerOrders(program, io);
  registerReports(program, io);
  registerUsers(program, io);
  registerOutbox(program, io);
  registerDlq(program, io);
  registerMail(program, io);
  registerBackup(program, io);
  registerKeys(program, io);
  registerDb(program, io);
  return program;
}

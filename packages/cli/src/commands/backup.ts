import { existsSync, openSync, readSync, closeSync } from "node:fs";
import type { Command } from "@commander-js/extra-typings";
import { loadConfig, parseDatabaseUrl, type DatabaseTarget } from "@emporium/adapters";
import { backupPostgres, restorePostgres } from "../backup/postgres-backup.js";
import { backupSqlite, restoreSqlite } from "../backup/sqlite-backup.js";
import { CliError } from "../cli-error.js";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-codes.js";

/** `emporium backup FILE` and `emporium restore FILE`, for the database DATABASE_URL names. */
export function registerBackup(program: Command, io: CliIo): void {
  program
    .command("backup")
    .description("copy the database to a file: SQLite's online backup, or pg_dump's custom format for PostgreSQL")
    .argument("<file>", "the backup file to write")
    .option("--force", "overwrite the file if it exists")
    .addHelpText(
      "after",
      `
SQLite is copied page by page while the server keeps running; the data encryption key kept
beside it (<database>.key) is copied beside the backup (<file>.key). PostgreSQL needs pg_dump on
the PATH (the client tools of the server's major version or newer); a DATABASE_URL whose
search_path names another schema than public is dumped with that schema only. Personal data in
a backup opens only with its key: keep DATA_ENCRYPTION_KEY (or the .key file) with it.

Examples:
  $ emporium backup backups/shop-$(date +%F).db
  $ DATABASE_URL=postgres://app@db/shop emporium backup shop.dump`,
    )
    .action(async (file, { force }) => {
      if (existsSync(file) && force !== true) throw new CliError(`${file} exists; add --force to overwrite it`, ExitCode.conflict);
      const target = databaseTarget(io);
      if (target.dialect === "postgres") {
        await backupPostgres(target.connectionString, file);
        io.stdout(
          `Backed up the database to ${file}. Its personal data opens only with the DATA_ENCRYPTION_KEY in use now: keep that key safe too.\n`,
        );
        return;
      }
      const key = await backupSqlite(target.filename, file);
      io.stdout(
        key === null
          ? `Backed up the database to ${file}. Its personal data opens only with the DATA_ENCRYPTION_KEY in use now: keep that key safe too.\n`
          : `Backed up the database to ${file}, and its data encryption key to ${key}: keep the two together, and the key secret.\n`,
      );
    });

  program
    .command("restore")
    .description("replace the database with a backup made by `emporium backup`")
    .argument("<file>", "the backup file to read")
    .option("--force", "replace a database that already exists")
    .addHelpText(
      "after",
      `
Stop the servers and workers first. SQLite: the restore refuses while another process has the
database open, and writes the copy beside it before renaming it into place; <file>.key, when
present, replaces the database's key file. PostgreSQL:
pg_restore --clean --if-exists in one transaction (all or nothing). Then \`emporium migrate\`
brings an older backup up to date.

Examples:
  $ emporium restore backups/shop-2024-06-01.db --force
  $ DATABASE_URL=sqlite:./data/copy.db emporium restore backups/shop-2024-06-01.db`,
    )
    .action(async (file, { force }) => {
      if (!existsSync(file)) throw new CliError(`cannot read ${file}: no such file`, ExitCode.invalid);
      const target = databaseTarget(io);
      const kind = backupKind(file);
      if (kind !== target.dialect) {
        const what =
          kind === null
            ? "neither an SQLite database nor a pg_dump custom-format file"
            : `a ${kind === "sqlite" ? "SQLite" : "PostgreSQL"} backup`;
        throw new CliError(
          `${file} is ${what}; DATABASE_URL names a ${target.dialect === "sqlite" ? "SQLite" : "PostgreSQL"} database`,
          ExitCode.invalid,
        );
      }
      if (target.dialect === "sqlite") {
        if (existsSync(target.filename) && force !== true) {
          throw new CliError(`${target.filename} exists; restoring replaces it: add --force to go ahead`, ExitCode.conflict);
        }
        const key = await restoreSqlite(file, target.filename);
        if (key !== null) io.stdout(`Restored the data encryption key to ${key}.\n`);
      } else {
        await restorePostgres(target.connectionString, file, { force: force === true });
      }
      io.stdout(`Restored the database from ${file}. Run \`emporium migrate\` if the backup is older than this version.\n`);
    });
}

function databaseTarget(io: CliIo): DatabaseTarget {
  const target = parseDatabaseUrl(loadConfig(io.env).database.url);
  if (target.dialect === "sqlite" && target.filename === ":memory:") {
    throw new CliError("DATABASE_URL names an in-memory database: there is nothing to back up or restore", ExitCode.config);
  }
  return target;
}

/** What a backup file is, by its first bytes. */
function backupKind(file: string): "sqlite" | "postgres" | null {
  const head = Buffer.alloc(16);
  const fd = openSync(file, "r");
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString("latin1").startsWith("SQLite format 3\0")) return "sqlite";
  if (head.toString("latin1").startsWith("PGDMP")) return "postgres";
  return null;
}

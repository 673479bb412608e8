import { copyFileSync, chmodSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { localDataKeyPath } from "@emporium/adapters";
import Database from "better-sqlite3";
import { CliError } from "../cli-error.js";
import { ExitCode } from "../exit-codes.js";

/**
 * Copies the SQLite database `filename` to `target` with SQLite's online backup API: a
 * consistent snapshot even while a server writes to it. The data encryption key kept beside
 * the database (embedded profile) goes beside the backup, as `<target>.key`: without it the
 * personal data in the copy cannot be read. Returns the key file written, or null.
 */
export async function backupSqlite(filename: string, target: string): Promise<string | null> {
  if (resolve(filename) === resolve(target)) throw new CliError("the backup file must not be the database itself", ExitCode.usage);
  if (!existsSync(filename)) throw new CliError(`there is no database at ${filename} (DATABASE_URL) to back up`, ExitCode.notFound);
  const db = new Database(filename, { readonly: true, fileMustExist: true });
  try {
    mkdirSync(dirname(resolve(target)), { recursive: true });
    await db.backup(target);
  } finally {
    db.close();
  }
  return copyKey(localDataKeyPath(filename), localDataKeyPath(target));
}

/**
 * Replaces the SQLite database `filename` by the backup `source`, and its key file by the
 * backup's when there is one. The backup is checked first (an intact Emporium database); then
 * the target must be free: switching it out of WAL mode needs every other connection closed,
 * so a running server or worker makes the restore stop before anything changes. The copy is
 * written beside the target and renamed over it. Returns the key file restored, or null.
 */
export async function restoreSqlite(source: string, filename: string): Promise<string | null> {
  checkBackup(source);
  if (existsSync(filename)) claimExclusively(filename);
  mkdirSync(dirname(resolve(filename)), { recursive: true });
  const staging = `${filename}.restoring`;
  const backup = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await backup.backup(staging);
  } finally {
    backup.close();
  }
  const key = copyKey(localDataKeyPath(source), localDataKeyPath(filename));
  renameSync(staging, filename);
  // Leftovers of the replaced file would be read as the new file's journal.
  for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(`${filename}${suffix}`, { force: true });
  return key;
}

/** Copies a key file (readable by its owner only) when it exists; returns the copy's path, or null. */
function copyKey(from: string, to: string): string | null {
  if (!existsSync(from)) return null;
  const staging = `${to}.copying`;
  copyFileSync(from, staging);
  chmodSync(staging, 0o600);
  renameSync(staging, to);
  return to;
}

function checkBackup(source: string): void {
  let db: Database.Database;
  try {
    db = new Database(source, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new CliError(`cannot open ${source} as an SQLite database: ${(error as Error).message}`, ExitCode.invalid);
  }
  try {
    const check = db.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new CliError(`${source} is damaged (SQLite quick_check: ${String(check)})`, ExitCode.invalid);
    const migrations = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
    if (migrations === undefined)
      throw new CliError(`${source} is an SQLite database but not an Emporium backup (it has no migrations table)`, ExitCode.invalid);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${source} is not a readable SQLite database: ${(error as Error).message}`, ExitCode.invalid);
  } finally {
    db.close();
  }
}

function claimExclusively(filename: string): void {
  const db = new Database(filename, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 0");
    db.pragma("journal_mode = DELETE");
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_BUSY") {
      throw new CliError(
        `the database ${filename} is open in another process (a running server or worker?); stop it, then restore`,
        ExitCode.conflict,
      );
    }
    throw error;
  } finally {
    db.close();
  }
}

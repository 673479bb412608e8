import { linkSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { formatDataKey, generateDataKey, parseDataKey, type DataKey } from "./data-key.js";

/** Where the embedded profile keeps its generated key: beside the SQLite file, `<file>.key`. */
export const localDataKeyPath = (sqliteFile: string): string => `${sqliteFile}.key`;

/** The key in `path`, or null when there is no such file. Throws one line when the file is not a key. */
export function readLocalDataKey(path: string): DataKey | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const parsed = parseDataKey(text.trim());
  if (!parsed.ok) throw new Error(`the data encryption key file ${path} ${parsed.problem}; restore it from a backup`);
  return parsed.value;
}

/**
 * The key in `path`, created (mode 0600) on first use. Several processes opening one database
 * at once agree on a single key: the file appears complete or not at all (written aside, then
 * hard-linked into place, which fails if another process got there first).
 */
export function readOrCreateLocalDataKey(path: string): DataKey {
  const existing = readLocalDataKey(path);
  if (existing !== null) return existing;
  const key = generateDataKey();
  const staging = `${path}.${process.pid}.${key.id}.tmp`;
  writeFileSync(staging, `${formatDataKey(key)}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(staging, path);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return readLocalDataKey(path)!;
  } finally {
    rmSync(staging, { force: true });
  }
}

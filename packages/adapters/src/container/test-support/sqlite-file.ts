import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, type Config } from "../../config.js";

export interface TempSqlite {
  /** `sqlite:<file>` in a fresh temporary directory. */
  readonly url: string;
  /** The embedded configuration over that file. */
  config(env?: NodeJS.ProcessEnv): Config;
  remove(): void;
}

/** A SQLite file of its own for one test (or one describe block). */
export function tempSqlite(): TempSqlite {
  const dir = mkdtempSync(join(tmpdir(), "emporium-container-"));
  const url = `sqlite:${join(dir, "shop.db")}`;
  return {
    url,
    config: (env = {}) => loadConfig({ DATABASE_URL: url, ...env }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

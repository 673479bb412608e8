import type { Kysely } from "kysely";
import { iso } from "./codec.js";
import type { Database } from "./database.js";

/** Key/value settings the application keeps in its database (e.g. the generated JWT secret). */
export class KyselySettings {
  constructor(private readonly db: Kysely<Database>) {}

  async get(key: string): Promise<string | null> {
    const row = await this.db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
    return row?.value ?? null;
  }

  /**
   * Stores `value` unless the key already has one, and returns the value that is stored now:
   * of several processes starting at once, every one ends up with the first one's value.
   */
  async setIfAbsent(key: string, value: string, at: Date = new Date()): Promise<string> {
    await this.db
      .insertInto("settings")
      .values({ key, value, updated_at: iso(at) })
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
    const stored = await this.get(key);
    if (stored === null) throw new Error(`setting ${key} vanished right after it was written`);
    return stored;
  }
}

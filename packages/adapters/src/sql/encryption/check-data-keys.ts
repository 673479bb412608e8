import type { Kysely } from "kysely";
import type { Database } from "../database.js";
import type { FieldCipher } from "./field-cipher.js";

/**
 * Fails at start, in one line, when personal data is sealed under a key the cipher lacks (a
 * lost key file, an old key dropped before `emporium keys rotate` finished) — rather than
 * on the first request that reads it. Samples the oldest and newest customer and order: cheap,
 * and those are the rows under the oldest and newest keys.
 */
export async function checkDataKeys(db: Kysely<Database>, cipher: FieldCipher): Promise<void> {
  const samples = await Promise.all([
    ...(["asc", "desc"] as const).map((direction) =>
      db
        .selectFrom("customers")
        .select(["phone", "addresses"])
        .orderBy("created_at", direction)
        .orderBy("id", direction)
        .limit(1)
        .execute(),
    ),
    ...(["asc", "desc"] as const).map((direction) =>
      db
        .selectFrom("orders")
        .select(["shipping_address as addresses"])
        .orderBy("created_at", direction)
        .orderBy("id", direction)
        .limit(1)
        .execute(),
    ),
  ]);
  for (const row of samples.flat()) {
    for (const value of [row.addresses, "phone" in row ? row.phone : null]) {
      const keyId = value === null ? null : cipher.keyIdOf(value);
      if (keyId !== null && !cipher.hasKey(keyId)) {
        throw new Error(
          `personal data in the database is sealed under data encryption key ${keyId}, which is not configured: ` +
            "set DATA_ENCRYPTION_KEY or DATA_ENCRYPTION_KEYS to include it (embedded profile: restore the database's .key file)",
        );
      }
    }
  }
}

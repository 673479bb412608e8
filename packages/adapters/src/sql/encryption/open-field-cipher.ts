import type { DatabaseTarget } from "../database-url.js";
import { AesGcmFieldCipher } from "./aes-gcm-field-cipher.js";
import { generateDataKey, type DataKeys } from "./data-key.js";
import type { FieldCipher } from "./field-cipher.js";
import { localDataKeyPath, readLocalDataKey, readOrCreateLocalDataKey } from "./local-data-key.js";

export const DATA_KEY_REQUIRED =
  "DATA_ENCRYPTION_KEY must be set (32 bytes in base64, e.g. from `openssl rand -base64 32`) to keep personal data in PostgreSQL";

/**
 * The cipher for the database `target` names. With DATA_ENCRYPTION_KEY it seals under that key.
 * Without it, a SQLite file gets a key generated on first open and kept beside it
 * (`<file>.key`, mode 0600), an in-memory database a key that lives as long as it does, and
 * PostgreSQL is refused. A key file beside a SQLite database also opens values sealed before
 * DATA_ENCRYPTION_KEY was set, so moving to a configured key needs only `emporium keys rotate`.
 */
export function openFieldCipher(target: DatabaseTarget, keys: DataKeys): FieldCipher {
  if (target.dialect === "postgres") {
    if (keys.current === null) throw new Error(DATA_KEY_REQUIRED);
    return new AesGcmFieldCipher(keys.current, keys.old);
  }
  if (target.filename === ":memory:") return new AesGcmFieldCipher(keys.current ?? generateDataKey(), keys.old);
  const path = localDataKeyPath(target.filename);
  if (keys.current === null) return new AesGcmFieldCipher(readOrCreateLocalDataKey(path), keys.old);
  const local = readLocalDataKey(path);
  return new AesGcmFieldCipher(keys.current, local === null ? keys.old : [...keys.old, local]);
}

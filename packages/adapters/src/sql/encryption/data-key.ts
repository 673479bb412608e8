import { createHash, randomBytes } from "node:crypto";

/** An AES-256 key for personal data at rest, and the id stored with every value sealed under it. */
export interface DataKey {
  readonly id: string;
  /** 32 bytes. */
  readonly material: Buffer;
}

/** The current key (null: none configured) and older ones kept only to read values sealed before a rotation. */
export interface DataKeys {
  readonly current: DataKey | null;
  readonly old: readonly DataKey[];
}

export const DATA_KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * A key's default id: the first 8 hex digits of its SHA-256. Derived from the key, so the same
 * key has the same id wherever it is configured; it says nothing useful about the key itself.
 */
export function dataKeyId(material: Buffer): string {
  return createHash("sha256").update(material).digest("hex").slice(0, 8);
}

/** A fresh random key, e.g. for `emporium keys generate` or the embedded profile's key file. */
export function generateDataKey(): DataKey {
  const material = randomBytes(DATA_KEY_BYTES);
  return { id: dataKeyId(material), material };
}

/** The `[id:]base64` spelling of a key, as DATA_ENCRYPTION_KEY and DATA_ENCRYPTION_KEYS take it. */
export function formatDataKey(key: DataKey): string {
  return `${key.id}:${key.material.toString("base64")}`;
}

/**
 * Reads `base64` or `id:base64` (32 bytes of key). The error says what is wrong without
 * repeating the value, which is a secret.
 */
export function parseDataKey(raw: string): { ok: true; value: DataKey } | { ok: false; problem: string } {
  const colon = raw.indexOf(":");
  const id = colon === -1 ? null : raw.slice(0, colon);
  const encoded = colon === -1 ? raw : raw.slice(colon + 1);
  if (id !== null && !KEY_ID.test(id)) {
    return { ok: false, problem: "has a key id before ':' that is not 1 to 32 letters, digits, - or _" };
  }
  // Node's base64 decoder takes the URL-safe alphabet too.
  const material = BASE64.test(encoded) ? Buffer.from(encoded, "base64") : null;
  if (material === null || material.length !== DATA_KEY_BYTES) {
    const got = material === null ? "text that is not base64" : `${material.length} bytes`;
    return {
      ok: false,
      problem: `must be ${DATA_KEY_BYTES} bytes in base64, optionally after a key id and ':' (make one with \`openssl rand -base64 32\`), got ${got}`,
    };
  }
  return { ok: true, value: { id: id ?? dataKeyId(material), material } };
}

/** Reads a comma-separated list of keys; `problem` names the position of the first bad one. */
export function parseDataKeyList(raw: string): { ok: true; value: DataKey[] } | { ok: false; problem: string } {
  const keys: DataKey[] = [];
  const entries = raw
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  for (const [index, entry] of entries.entries()) {
    const parsed = parseDataKey(entry);
    if (!parsed.ok) return { ok: false, problem: `entry ${index + 1} ${parsed.problem}` };
    keys.push(parsed.value);
  }
  return { ok: true, value: keys };
}

/** Keys by id, the first of each id kept; throws when one id names two different keys (a value would decrypt under the wrong one). */
export function keyring(keys: readonly DataKey[]): Map<string, DataKey> {
  const byId = new Map<string, DataKey>();
  for (const key of keys) {
    const known = byId.get(key.id);
    if (known === undefined) byId.set(key.id, key);
    else if (!known.material.equals(key.material))
      throw new Error(`two different data encryption keys share the id ${key.id}; give each its own id`);
  }
  return byId;
}

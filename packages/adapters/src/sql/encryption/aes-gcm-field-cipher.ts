import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { keyring, type DataKey } from "./data-key.js";
import type { FieldCipher } from "./field-cipher.js";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a random 96-bit nonce per value. A sealed value reads
 * `v1:<key id>:<nonce>:<tag>:<ciphertext>` (base64url parts), so values sealed under
 * older keys stay readable while `emporium keys rotate` re-seals them under the current one.
 * The value's place (`context`) is authenticated as associated data.
 */
export class AesGcmFieldCipher implements FieldCipher {
  private readonly keys: Map<string, DataKey>;

  /** `current` seals; it and every key of `old` open. */
  constructor(
    private readonly current: DataKey,
    old: readonly DataKey[] = [],
  ) {
    this.keys = keyring([current, ...old]);
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.current.material, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, "utf8"));
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [VERSION, this.current.id, b64(iv), b64(cipher.getAuthTag()), b64(ciphertext)].join(":");
  }

  decrypt(stored: string, context: string): string {
    const sealed = parseSealed(stored);
    if (sealed === null) return stored;
    const key = this.keys.get(sealed.keyId);
    if (key === undefined) {
      throw new Error(
        `${context} is sealed under data encryption key ${sealed.keyId}, which is not configured: add it to DATA_ENCRYPTION_KEYS`,
      );
    }
    try {
      const decipher = createDecipheriv("aes-256-gcm", key.material, sealed.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(sealed.tag);
      return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString("utf8");
    } catch {
      throw new Error(`${context} does not open under data encryption key ${sealed.keyId}: the value was altered or moved`);
    }
  }

  isStale(stored: string): boolean {
    return this.keyIdOf(stored) !== this.current.id;
  }

  keyIdOf(stored: string): string | null {
    return parseSealed(stored)?.keyId ?? null;
  }

  hasKey(keyId: string): boolean {
    return this.keys.has(keyId);
  }
}

interface Sealed {
  readonly keyId: string;
  readonly iv: Buffer;
  readonly tag: Buffer;
  readonly ciphertext: Buffer;
}

// Plain phone numbers cannot contain ':' and plain JSON starts with '[' or '{', so a legacy value never parses.
const SEALED = /^v1:([A-Za-z0-9_-]{1,32}):([A-Za-z0-9_-]+):([A-Za-z0-9_-]+):([A-Za-z0-9_-]*)$/;

function parseSealed(stored: string): Sealed | null {
  if (!stored.startsWith(`${VERSION}:`)) return null;
  const match = SEALED.exec(stored);
  if (match === null) throw new Error("a sealed personal data value is malformed: it was altered or truncated");
  const [, keyId, iv, tag, ciphertext] = match as unknown as [string, string, string, string, string];
  return { keyId, iv: Buffer.from(iv, "base64url"), tag: Buffer.from(tag, "base64url"), ciphertext: Buffer.from(ciphertext, "base64url") };
}

const b64 = (bytes: Buffer): string => bytes.toString("base64url");

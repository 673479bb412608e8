import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AesGcmFieldCipher } from "./aes-gcm-field-cipher.js";
import { parseDataKey, type DataKey } from "./data-key.js";
import { localDataKeyPath, readLocalDataKey, readOrCreateLocalDataKey } from "./local-data-key.js";
import { DATA_KEY_REQUIRED, openFieldCipher } from "./open-field-cipher.js";

const CONFIGURED: DataKey = { id: "configured", material: Buffer.alloc(32, 9) };
const NONE = { current: null, old: [] };

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "emporium-keys-"));
  file = join(dir, "shop.db");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the embedded profile's key file", () => {
  it("is generated beside the database on first open, readable by its owner only, and reused after", () => {
    const first = openFieldCipher({ dialect: "sqlite", filename: file }, NONE);
    const path = localDataKeyPath(file);
    expect(path).toBe(`${file}.key`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const stored = readFileSync(path, "utf8").trim();
    expect(stored.startsWith(`${first.currentKeyId}:`)).toBe(true);
    expect(parseDataKey(stored)).toMatchObject({ ok: true, value: { id: first.currentKeyId } });

    const again = openFieldCipher({ dialect: "sqlite", filename: file }, NONE);
    expect(again.currentKeyId).toBe(first.currentKeyId);
    expect(again.decrypt(first.encrypt("secret", "ctx"), "ctx")).toBe("secret");
  });

  it("gives every caller racing to create it the same key", () => {
    const path = localDataKeyPath(file);
    const keys = Array.from({ length: 5 }, () => readOrCreateLocalDataKey(path));
    expect(new Set(keys.map((key) => key.id)).size).toBe(1);
    expect(readLocalDataKey(path)?.material.equals(keys[0]!.material)).toBe(true);
  });

  it("still opens old values once DATA_ENCRYPTION_KEY is set, sealing new ones under that key", () => {
    const local = openFieldCipher({ dialect: "sqlite", filename: file }, NONE);
    const before = local.encrypt("+1 555 0100", "ctx");
    const configured = openFieldCipher({ dialect: "sqlite", filename: file }, { current: CONFIGURED, old: [] });
    expect(configured.currentKeyId).toBe("configured");
    expect(configured.decrypt(before, "ctx")).toBe("+1 555 0100");
    expect(configured.isStale(before)).toBe(true);
  });

  it("is not created when DATA_ENCRYPTION_KEY is set", () => {
    openFieldCipher({ dialect: "sqlite", filename: file }, { current: CONFIGURED, old: [] });
    expect(readLocalDataKey(localDataKeyPath(file))).toBeNull();
  });

  it("says in one line when the file is not a key", () => {
    writeFileSync(localDataKeyPath(file), "garbage\n");
    expect(() => openFieldCipher({ dialect: "sqlite", filename: file }, NONE)).toThrow(
      `the data encryption key file ${localDataKeyPath(file)} must be 32 bytes in base64`,
    );
  });
});

describe("openFieldCipher", () => {
  it("refuses PostgreSQL without DATA_ENCRYPTION_KEY, and uses the configured keys with it", () => {
    expect(() => openFieldCipher({ dialect: "postgres", connectionString: "postgres://db/x" }, NONE)).toThrow(DATA_KEY_REQUIRED);
    const old: DataKey = { id: "old", material: Buffer.alloc(32, 1) };
    const sealed = new AesGcmFieldCipher(old).encrypt("x", "ctx");
    const cipher = openFieldCipher({ dialect: "postgres", connectionString: "postgres://db/x" }, { current: CONFIGURED, old: [old] });
    expect(cipher.currentKeyId).toBe("configured");
    expect(cipher.decrypt(sealed, "ctx")).toBe("x");
  });

  it("gives an in-memory database a key of its own, kept nowhere", () => {
    const cipher = openFieldCipher({ dialect: "sqlite", filename: ":memory:" }, NONE);
    expect(cipher.decrypt(cipher.encrypt("x", "ctx"), "ctx")).toBe("x");
  });
});

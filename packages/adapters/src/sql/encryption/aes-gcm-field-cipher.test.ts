import { describe, expect, it } from "vitest";
import { AesGcmFieldCipher } from "./aes-gcm-field-cipher.js";
import { dataKeyId, generateDataKey, type DataKey } from "./data-key.js";

const key = (id: string, fill: number): DataKey => ({ id, material: Buffer.alloc(32, fill) });
const OLD = key("old", 1);
const NEW = key("new", 2);
const PHONE = "+44 20 7946 0958";

describe("AesGcmFieldCipher", () => {
  it("seals a value under the current key id, differently each time, and opens it again", () => {
    const cipher = new AesGcmFieldCipher(NEW);
    const first = cipher.encrypt(PHONE, "customers.phone:c1");
    const second = cipher.encrypt(PHONE, "customers.phone:c1");
    expect(first).toMatch(/^v1:new:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain("7946");
    expect(cipher.decrypt(first, "customers.phone:c1")).toBe(PHONE);
    expect(cipher.decrypt(cipher.encrypt("", "x"), "x")).toBe("");
    expect(cipher.decrypt(cipher.encrypt("Zoë ✓", "x"), "x")).toBe("Zoë ✓");
  });

  it("opens values sealed under an old key, and calls them stale", () => {
    const before = new AesGcmFieldCipher(OLD).encrypt(PHONE, "ctx");
    const rotated = new AesGcmFieldCipher(NEW, [OLD]);
    expect(rotated.decrypt(before, "ctx")).toBe(PHONE);
    expect(rotated.keyIdOf(before)).toBe("old");
    expect(rotated.isStale(before)).toBe(true);
    expect(rotated.isStale(rotated.encrypt(PHONE, "ctx"))).toBe(false);
    expect(rotated.hasKey("old") && rotated.hasKey("new") && !rotated.hasKey("other")).toBe(true);
  });

  it("names the missing key when a value was sealed under a key it does not hold", () => {
    const sealed = new AesGcmFieldCipher(OLD).encrypt(PHONE, "customers.phone:c1");
    expect(() => new AesGcmFieldCipher(NEW).decrypt(sealed, "customers.phone:c1")).toThrow(
      "customers.phone:c1 is sealed under data encryption key old, which is not configured: add it to DATA_ENCRYPTION_KEYS",
    );
  });

  it("refuses a value moved to another row or column, or altered", () => {
    const cipher = new AesGcmFieldCipher(NEW);
    const sealed = cipher.encrypt(PHONE, "customers.phone:c1");
    expect(() => cipher.decrypt(sealed, "customers.phone:c2")).toThrow(/was altered or moved/);
    const parts = sealed.split(":");
    const flipped = Buffer.from(parts[4]!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    parts[4] = flipped.toString("base64url");
    expect(() => cipher.decrypt(parts.join(":"), "customers.phone:c1")).toThrow(/was altered or moved/);
    expect(() => cipher.decrypt("v1:new:truncated", "customers.phone:c1")).toThrow(/malformed/);
  });

  it("passes through values written before encryption, and calls them stale", () => {
    const cipher = new AesGcmFieldCipher(NEW);
    expect(cipher.decrypt('[{"city":"London"}]', "ctx")).toBe('[{"city":"London"}]');
    expect(cipher.decrypt(PHONE, "ctx")).toBe(PHONE);
    expect(cipher.keyIdOf(PHONE)).toBeNull();
    expect(cipher.isStale(PHONE)).toBe(true);
  });

  it("refuses one id for two different keys", () => {
    expect(() => new AesGcmFieldCipher(key("k", 1), [key("k", 2)])).toThrow("two different data encryption keys share the id k");
    expect(() => new AesGcmFieldCipher(key("k", 1), [key("k", 1)])).not.toThrow();
  });

  it("derives a stable 8-hex-digit id from a generated key", () => {
    const generated = generateDataKey();
    expect(generated.material).toHaveLength(32);
    expect(generated.id).toMatch(/^[0-9a-f]{8}$/);
    expect(dataKeyId(Buffer.from(generated.material))).toBe(generated.id);
  });
});

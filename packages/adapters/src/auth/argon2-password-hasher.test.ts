import { describe, expect, it } from "vitest";
import { Argon2PasswordHasher } from "./argon2-password-hasher.js";

describe("Argon2PasswordHasher", () => {
  const cheap = new Argon2PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

  it("hashes with argon2id m=19456 t=2 p=1 by default", async () => {
    const hash = await new Argon2PasswordHasher().hash("correct horse battery staple");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await cheap.hash("s3cret-passphrase");
    expect(await cheap.verify(hash, "s3cret-passphrase")).toBe(true);
    expect(await cheap.verify(hash, "s3cret-passphrasE")).toBe(false);
    expect(await cheap.verify(hash, "")).toBe(false);
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([cheap.hash("same"), cheap.hash("same")]);
    expect(a).not.toBe(b);
  });

  it("verifies hashes made with other parameters, since they travel inside the hash", async () => {
    const hash = await cheap.hash("portable");
    expect(await new Argon2PasswordHasher().verify(hash, "portable")).toBe(true);
  });

  it("rejects a malformed stored hash instead of throwing", async () => {
    expect(await cheap.verify("not-a-phc-string", "anything")).toBe(false);
  });

  it("runs at most maxConcurrent hashes and verifications at once, and queues the rest", async () => {
    const hasher = new Argon2PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }, 2);
    const stored = await hasher.hash("queued");
    const work = [hasher.hash("a"), hasher.verify(stored, "queued"), hasher.hash("b"), hasher.verify(stored, "wrong"), hasher.hash("c")];
    // p-limit starts queued work a few microtasks later; hashes finish only on a later turn of the event loop.
    for (let turn = 0; turn < 10 && hasher.pending.running === 0; turn++) await Promise.resolve();
    expect(hasher.pending).toEqual({ running: 2, waiting: 3 });
    const [a, right, b, wrong, c] = await Promise.all(work);
    expect([right, wrong]).toEqual([true, false]);
    expect(new Set([a, b, c]).size).toBe(3);
    expect(hasher.pending).toEqual({ running: 0, waiting: 0 });
  });
});

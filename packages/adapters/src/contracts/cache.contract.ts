import type { Cache } from "@emporium/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uid } from "./fixtures.js";

/** One fresh cache behind the port, as the contract sees it. */
export interface CacheHarness {
  readonly cache: Cache;
  close(): Promise<void>;
}

export type CreateCache = () => Promise<CacheHarness>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What every Cache adapter promises: JSON values with a TTL, misses instead of errors, namespace versions. */
export function cacheContract(create: CreateCache): void {
  describe("Cache", () => {
    let harness: CacheHarness | undefined;
    beforeAll(async () => {
      harness = await create();
    });
    afterAll(async () => {
      await harness?.close();
    });
    const cache = (): Cache => {
      if (harness === undefined) throw new Error("the cache is not open yet: use it inside it() blocks");
      return harness.cache;
    };

    it("returns a stored value until its TTL passes, and counts the TTL in seconds", async () => {
      const short = uid("short");
      const long = uid("long");
      await cache().set(short, { name: "Tee" }, 0.2);
      await cache().set(long, { name: "Mug" }, 60);
      expect(await cache().get(short)).toEqual({ name: "Tee" });
      await sleep(400);
      expect(await cache().get(short)).toBeUndefined();
      expect(await cache().get(long)).toEqual({ name: "Mug" });
    });

    it("misses unknown and deleted keys", async () => {
      const key = uid("k");
      expect(await cache().get(uid("nope"))).toBeUndefined();
      await cache().set(key, 1, 60);
      await cache().delete(key);
      expect(await cache().get(key)).toBeUndefined();
      await expect(cache().delete(uid("never-set"))).resolves.toBeUndefined();
    });

    it("overwrites a key and keeps keys apart, whatever characters they hold", async () => {
      const key = `${uid("k")}:catalog v1/ü€`;
      await cache().set(key, "first", 60);
      await cache().set(key, "second", 60);
      await cache().set(`${key}-other`, "other", 60);
      expect(await cache().get(key)).toBe("second");
      expect(await cache().get(`${key}-other`)).toBe("other");
    });

    it("caches falsy values other than undefined", async () => {
      const [zero, nil, no, empty] = [uid("zero"), uid("null"), uid("false"), uid("empty")];
      await cache().set(zero, 0, 60);
      await cache().set(nil, null, 60);
      await cache().set(no, false, 60);
      await cache().set(empty, "", 60);
      expect(await cache().get(zero)).toBe(0);
      expect(await cache().get(nil)).toBeNull();
      expect(await cache().get(no)).toBe(false);
      expect(await cache().get(empty)).toBe("");
    });

    it("round-trips JSON values unchanged", async () => {
      const key = uid("json");
      const value = {
        id: "prod-1",
        price: { amount: 1999, currency: "USD" },
        big: Number.MAX_SAFE_INTEGER,
        negative: -42,
        ratio: 0.125,
        name: "Crème brûlée — 🍮",
        tags: ["a", "b"],
        nested: [{ deep: [1, [2, [3]]] }],
        nothing: null,
        yes: true,
      };
      await cache().set(key, value, 60);
      expect(await cache().get(key)).toEqual(value);
    });

    it("copies values in and out, so callers cannot mutate what others read", async () => {
      const key = uid("copy");
      const original = { tags: ["a"] };
      await cache().set(key, original, 60);
      original.tags.push("mutated before read");
      const first = await cache().get<typeof original>(key);
      first!.tags.push("mutated after read");
      expect(await cache().get(key)).toEqual({ tags: ["a"] });
    });

    it("never throws on a value it cannot store", async () => {
      const cyclic: Record<string, unknown> = { name: "loop" };
      cyclic.self = cyclic;
      await expect(cache().set(uid("fn"), { run: () => 1 }, 60)).resolves.toBeUndefined();
      await expect(cache().set(uid("cyclic"), cyclic, 60)).resolves.toBeUndefined();
      await expect(cache().set(uid("undefined"), undefined, 60)).resolves.toBeUndefined();
    });

    it("treats a non-positive TTL as not cached, dropping what was there", async () => {
      const key = uid("k");
      await cache().set(key, 1, 60);
      await cache().set(key, 2, 0);
      expect(await cache().get(key)).toBeUndefined();
      await cache().set(key, 3, -5);
      expect(await cache().get(key)).toBeUndefined();
    });

    it("versions namespaces from 0 and bumps them one at a time, each on its own", async () => {
      const catalog = uid("catalog");
      const carts = uid("carts");
      expect(await cache().version(catalog)).toBe(0);
      await cache().bump(catalog);
      await cache().bump(catalog);
      expect(await cache().version(catalog)).toBe(2);
      expect(await cache().version(carts)).toBe(0);
    });

    it("counts every one of concurrent bumps", async () => {
      const namespace = uid("busy");
      await Promise.all(Array.from({ length: 50 }, () => cache().bump(namespace)));
      expect(await cache().version(namespace)).toBe(50);
    });
  });
}

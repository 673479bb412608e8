import { describe, expect, it } from "vitest";
import { InMemoryCache } from "./in-memory-cache.js";

// The behaviour every Cache promises is in contracts/cache.contract.ts; these cases are this adapter's own.

function fakeClock() {
  let time = 1_000_000;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe("InMemoryCache", () => {
  it("expires an entry exactly when its TTL passes on the injected clock", async () => {
    const clock = fakeClock();
    const cache = new InMemoryCache({ now: clock.now });
    await cache.set("product:tee", { name: "Tee" }, 60);
    clock.advance(59_999);
    expect(await cache.get("product:tee")).toEqual({ name: "Tee" });
    clock.advance(1);
    expect(await cache.get("product:tee")).toBeUndefined();
  });

  it("copies values in and out (structured clone), so Dates come back as Dates", async () => {
    const cache = new InMemoryCache();
    await cache.set("k", { at: new Date("2030-01-01T00:00:00Z") }, 60);
    const value = await cache.get<{ at: Date }>("k");
    expect(value!.at).toBeInstanceOf(Date);
    expect(value!.at.toISOString()).toBe("2030-01-01T00:00:00.000Z");
  });

  it("does not store values it cannot clone", async () => {
    const cache = new InMemoryCache();
    await cache.set("fn", { run: () => 1 }, 60);
    expect(await cache.get("fn")).toBeUndefined();
  });

  it("evicts the least recently used entry beyond maxEntries, never a namespace version", async () => {
    const cache = new InMemoryCache({ maxEntries: 2 });
    await cache.bump("catalog");
    await cache.set("a", 1, 60);
    await cache.set("b", 2, 60);
    await cache.get("a");
    await cache.set("c", 3, 60);
    expect(cache.size).toBe(2);
    expect(await cache.get("b")).toBeUndefined();
    expect(await cache.get("a")).toBe(1);
    expect(await cache.get("c")).toBe(3);
    expect(await cache.version("catalog")).toBe(1);
  });

  it("evicts expired entries before live ones", async () => {
    const clock = fakeClock();
    const cache = new InMemoryCache({ maxEntries: 2, now: clock.now });
    await cache.set("long", 1, 600);
    await cache.set("short", 2, 1);
    clock.advance(2_000);
    await cache.set("new", 3, 600);
    expect(await cache.get("long")).toBe(1);
    expect(await cache.get("new")).toBe(3);
  });

  it("hands out copies: mutating what a read returned changes nothing stored", async () => {
    const cache = new InMemoryCache();
    await cache.set("k", { tags: ["a"] }, 60);
    (await cache.get<{ tags: string[] }>("k"))!.tags.push("b");
    expect(await cache.get("k")).toEqual({ tags: ["a"] });
  });

  it("evicts the least recently used entries beyond maxBytes, and never stores a value bigger than that", async () => {
    const cache = new InMemoryCache({ maxBytes: 2_500 });
    await cache.set("a", "x".repeat(1_000), 60);
    await cache.set("b", "y".repeat(1_000), 60);
    await cache.get("a");
    await cache.set("c", "z".repeat(1_000), 60);
    expect(await cache.get("b")).toBeUndefined();
    expect(await cache.get("a")).toBe("x".repeat(1_000));
    expect(await cache.get("c")).toBe("z".repeat(1_000));
    expect(cache.bytes).toBeLessThanOrEqual(2_500);
    await cache.set("huge", "h".repeat(3_000), 60);
    expect(await cache.get("huge")).toBeUndefined();
    expect(await cache.get("a")).toBe("x".repeat(1_000));
  });

  it("counts the bytes of what it holds, and forgets them with deleted, replaced and expired entries", async () => {
    const clock = fakeClock();
    const cache = new InMemoryCache({ now: clock.now });
    await cache.set("a", "x".repeat(1_000), 60);
    const one = cache.bytes;
    expect(one).toBeGreaterThanOrEqual(1_000);
    await cache.set("a", "x".repeat(1_000), 60);
    await cache.set("b", "y".repeat(1_000), 1);
    expect(cache.bytes).toBe(2 * one);
    await cache.delete("a");
    clock.advance(1_000);
    expect(await cache.get("b")).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });
});

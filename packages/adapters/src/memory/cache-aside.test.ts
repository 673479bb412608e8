import { describe, expect, it } from "vitest";
import { cacheAside } from "./cache-aside.js";
import { InMemoryCache } from "./in-memory-cache.js";
import { SingleFlight } from "./single-flight.js";

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets every pending microtask and I/O callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("cacheAside", () => {
  it("runs the loader once for 1,000 concurrent gets of a missing key", async () => {
    const cache = new InMemoryCache();
    const flight = new SingleFlight();
    const gate = deferred<{ name: string }>();
    let loads = 0;
    const loader = () => {
      loads += 1;
      return gate.promise;
    };
    const reads = Array.from({ length: 1_000 }, () => cacheAside(cache, "product:tee", 60, loader, flight));
    await settle();
    gate.resolve({ name: "Tee" });
    const values = await Promise.all(reads);
    expect(loads).toBe(1);
    expect(values.every((v) => v.name === "Tee")).toBe(true);
    expect(await cache.get("product:tee")).toEqual({ name: "Tee" });
  });

  it("answers from the cache without calling the loader", async () => {
    const cache = new InMemoryCache();
    await cache.set("k", "cached", 60);
    let loads = 0;
    const value = await cacheAside(cache, "k", 60, async () => {
      loads += 1;
      return "fresh";
    });
    expect(value).toBe("cached");
    expect(loads).toBe(0);
  });

  it("stores what it loads for the next read", async () => {
    const cache = new InMemoryCache();
    let loads = 0;
    const loader = async () => {
      loads += 1;
      return [1, 2, 3];
    };
    await cacheAside(cache, "k", 60, loader);
    expect(await cacheAside(cache, "k", 60, loader)).toEqual([1, 2, 3]);
    expect(loads).toBe(1);
  });
});

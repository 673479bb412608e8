import { InMemoryCache } from "@emporium/adapters";
import { err, invalidateCatalogCache, notFound, ok, type NotFoundError, type Result } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { CatalogReadCache, queryHash } from "./catalog-read-cache.js";
import { toJsonBody } from "./middleware/etag.js";
import { createMetrics } from "./middleware/metrics.js";

const counted = async (counter: { get(): Promise<{ values: { value: number; labels: Record<string, unknown> }[] }> }, cache: string) =>
  (await counter.get()).values.find((v) => v.labels["cache"] === cache)?.value ?? 0;

function setup() {
  const cache = new InMemoryCache();
  const metrics = createMetrics();
  return { cache, metrics, reads: new CatalogReadCache({ cache, metrics }) };
}

describe("CatalogReadCache", () => {
  it("loads once, then answers from the cache, counting a miss and a hit", async () => {
    const { metrics, reads } = setup();
    let loads = 0;
    const load = async () => ok({ name: `Tee ${++loads}` });
    expect(await reads.read("product", "tee", 60, load)).toEqual(ok({ name: "Tee 1" }));
    expect(await reads.read("product", "tee", 60, load)).toEqual(ok({ name: "Tee 1" }));
    expect(loads).toBe(1);
    expect(await counted(metrics.cacheMisses, "product")).toBe(1);
    expect(await counted(metrics.cacheHits, "product")).toBe(1);
  });

  it("runs one load for concurrent misses of a key", async () => {
    const { reads } = setup();
    let loads = 0;
    const load = async () => ok(++loads);
    const values = await Promise.all(Array.from({ length: 50 }, () => reads.read("products", "q", 60, load)));
    expect(loads).toBe(1);
    expect(values.every((v) => v.ok && v.value === 1)).toBe(true);
  });

  it("reloads after the catalogue version is bumped", async () => {
    const { cache, reads } = setup();
    let loads = 0;
    const load = async () => ok(++loads);
    await reads.read("category-tree", "", 60, load);
    await invalidateCatalogCache(cache);
    expect(await reads.read("category-tree", "", 60, load)).toEqual(ok(2));
  });

  it("does not store errors", async () => {
    const { reads } = setup();
    let loads = 0;
    const load = async (): Promise<Result<string, NotFoundError>> => (++loads === 1 ? err(notFound("product", "tee")) : ok("found"));
    expect(await reads.read("product", "tee", 60, load)).toEqual(err(notFound("product", "tee")));
    expect(await reads.read("product", "tee", 60, load)).toEqual(ok("found"));
  });
});

describe("CatalogReadCache.readJson", () => {
  it("serializes once and answers the same JSON and ETag from the cache", async () => {
    const { reads } = setup();
    let loads = 0;
    const load = async () => ok({ name: `Tee ${++loads}` });
    const first = await reads.readJson("product", "tee", 60, load);
    const second = await reads.readJson("product", "tee", 60, load);
    expect(loads).toBe(1);
    expect(first).toEqual(ok(toJsonBody({ name: "Tee 1" })));
    expect(second).toEqual(first);
  });

  it("keeps serialized entries apart from read's, and stores no errors", async () => {
    const { reads } = setup();
    await reads.read("product", "tee", 60, async () => ok({ name: "object" }));
    let loads = 0;
    const load = async (): Promise<Result<{ name: string }, NotFoundError>> =>
      ++loads === 1 ? err(notFound("product", "tee")) : ok({ name: "found" });
    expect(await reads.readJson("product", "tee", 60, load)).toEqual(err(notFound("product", "tee")));
    expect(await reads.readJson("product", "tee", 60, load)).toEqual(ok(toJsonBody({ name: "found" })));
  });
});

describe("queryHash", () => {
  it("ignores parameter order and absent parameters, and tells different queries apart", () => {
    expect(queryHash({ brand: "Acme", sort: "name", cursor: undefined })).toBe(queryHash({ sort: "name", brand: "Acme" }));
    expect(queryHash({ brand: "Acme" })).not.toBe(queryHash({ brand: "Hearth" }));
    expect(queryHash({ limit: 20 })).not.toBe(queryHash({ limit: "20" }));
  });
});

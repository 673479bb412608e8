import { InMemoryCache } from "@emporium/adapters";
import { err, invalidateCatalogCache, notFound, ok, type Cache, type NotFoundError, type Result } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { CatalogReadCache, queryHash, rawQueryHash } from "./catalog-read-cache.js";
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
    expect(first).toMatchObject(ok(toJsonBody({ name: "Tee 1" })));
    expect(second).toEqual(first);
  });

  it("keeps serialized entries apart from read's, and stores no errors", async () => {
    const { reads } = setup();
    await reads.read("product", "tee", 60, async () => ok({ name: "object" }));
    let loads = 0;
    const load = async (): Promise<Result<{ name: string }, NotFoundError>> =>
      ++loads === 1 ? err(notFound("product", "tee")) : ok({ name: "found" });
    expect(await reads.readJson("product", "tee", 60, load)).toEqual(err(notFound("product", "tee")));
    expect(await reads.readJson("product", "tee", 60, load)).toMatchObject(ok(toJsonBody({ name: "found" })));
  });
});

/** A real in-process cache that counts reads and can say its version is not confirmed, as RedisCache does with Redis down. */
class CountingCache implements Cache {
  readonly inner: InMemoryCache;
  gets = 0;
  confirmed = true;
  constructor(now?: () => number) {
    this.inner = new InMemoryCache({ now });
  }
  get<T>(key: string) {
    this.gets += 1;
    return this.inner.get<T>(key);
  }
  set<T>(key: string, value: T, ttlSeconds: number) {
    return this.inner.set(key, value, ttlSeconds);
  }
  delete(key: string) {
    return this.inner.delete(key);
  }
  version(namespace: string) {
    return this.inner.version(namespace);
  }
  bump(namespace: string) {
    return this.inner.bump(namespace);
  }
  async checkedVersion(namespace: string) {
    return { version: await this.inner.version(namespace), confirmed: this.confirmed };
  }
}

describe("CatalogReadCache.readJson's entries in process", () => {
  function local(now = () => 1_000_000) {
    const cache = new CountingCache(now);
    const metrics = createMetrics();
    return { cache, metrics, reads: new CatalogReadCache({ cache, metrics, now }) };
  }

  it("answers a hit without reading the shared cache, counting it, and sends the body as UTF-8 bytes", async () => {
    const { cache, metrics, reads } = local();
    let loads = 0;
    const load = async () => ok({ name: `Tée ${++loads}` });
    await reads.readJson("product", "tee", 60, load);
    const gets = cache.gets;
    const hit = await reads.readJson("product", "tee", 60, load);
    expect(cache.gets).toBe(gets);
    expect(loads).toBe(1);
    expect(hit).toMatchObject(ok(toJsonBody({ name: "Tée 1" })));
    if (!hit.ok) throw new Error("expected a hit");
    expect(Buffer.from(hit.value.bytes!).toString("utf8")).toBe(hit.value.json);
    expect(await counted(metrics.cacheHits, "product")).toBe(1);
  });

  it("fills from the shared cache what another instance stored, then keeps it", async () => {
    const { cache } = local();
    const other = new CatalogReadCache({ cache, metrics: createMetrics(), now: () => 1_000_000 });
    await other.readJson("products", "q", 60, async () => ok({ items: [1] }));
    const reads = new CatalogReadCache({ cache, metrics: createMetrics(), now: () => 1_000_000 });
    const fail = async (): Promise<Result<{ items: number[] }, never>> => {
      throw new Error("should have come from the shared cache");
    };
    expect(await reads.readJson("products", "q", 60, fail)).toMatchObject(ok(toJsonBody({ items: [1] })));
    const gets = cache.gets;
    expect(await reads.readJson("products", "q", 60, fail)).toMatchObject(ok(toJsonBody({ items: [1] })));
    expect(cache.gets).toBe(gets);
  });

  it("forgets everything when the version moves, and an entry when the shared one expires", async () => {
    let now = 1_000_000;
    const { cache, reads } = local(() => now);
    let loads = 0;
    const load = async () => ok(++loads);
    await reads.readJson("category-tree", "", 60, load);
    await invalidateCatalogCache(cache);
    expect(await reads.readJson("category-tree", "", 60, load)).toMatchObject(ok(toJsonBody(2)));
    now += 60_000;
    // Both copies have run out (the shared cache keeps time with the same clock here).
    expect(await reads.readJson("category-tree", "", 60, load)).toMatchObject(ok(toJsonBody(3)));
  });

  it("trusts nothing of its own while the shared cache cannot confirm the version", async () => {
    const { cache, reads } = local();
    let loads = 0;
    const load = async () => ok(++loads);
    await reads.readJson("product", "tee", 60, load);
    cache.confirmed = false;
    const gets = cache.gets;
    await reads.readJson("product", "tee", 60, load);
    expect(cache.gets).toBe(gets + 1);
    // Nor keeps what it loads meanwhile: once the version is confirmed again, the shared entry is read.
    await reads.readJson("product", "other", 60, load);
    cache.confirmed = true;
    const before = cache.gets;
    await reads.readJson("product", "other", 60, load);
    expect(cache.gets).toBe(before + 1);
  });

  it("keeps no more bytes than it is allowed", async () => {
    const cache = new CountingCache();
    const reads = new CatalogReadCache({ cache, metrics: createMetrics(), localMaxBytes: 100 });
    const body = async () => ok("x".repeat(30));
    await reads.readJson("product", "a", 60, body);
    await reads.readJson("product", "b", 60, body);
    const gets = cache.gets;
    await reads.readJson("product", "a", 60, body);
    expect(cache.gets).toBe(gets + 1);
  });
});

describe("CatalogReadCache.readJson over an in-process cache", () => {
  it("holds each body once: kept here, not stored in the cache as well", async () => {
    const cache = new InMemoryCache();
    const reads = new CatalogReadCache({ cache, metrics: createMetrics() });
    let loads = 0;
    const load = async () => ok({ name: `Tée ${++loads}` });
    const first = await reads.readJson("product", "tee", 60, load);
    expect(cache.size).toBe(0);
    const second = await reads.readJson("product", "tee", 60, load);
    expect(loads).toBe(1);
    if (!first.ok || !second.ok) throw new Error("expected answers");
    expect(second.value).toBe(first.value);
    expect(second).toMatchObject(ok(toJsonBody({ name: "Tée 1" })));
  });

  it("stores in the cache what it cannot keep, and reloads after a bump", async () => {
    const cache = new InMemoryCache();
    const reads = new CatalogReadCache({ cache, metrics: createMetrics(), localMaxBytes: 10 });
    let loads = 0;
    const load = async () => ok({ name: `Tee ${++loads}` });
    await reads.readJson("product", "tee", 60, load);
    expect(cache.size).toBe(1);
    expect(await reads.readJson("product", "tee", 60, load)).toMatchObject(ok(toJsonBody({ name: "Tee 1" })));
    await invalidateCatalogCache(cache);
    expect(await reads.readJson("product", "tee", 60, load)).toMatchObject(ok(toJsonBody({ name: "Tee 2" })));
  });
});

describe("queryHash", () => {
  it("ignores parameter order and absent parameters, and tells different queries apart", () => {
    expect(queryHash({ brand: "Acme", sort: "name", cursor: undefined })).toBe(queryHash({ sort: "name", brand: "Acme" }));
    expect(queryHash({ brand: "Acme" })).not.toBe(queryHash({ brand: "Hearth" }));
    expect(queryHash({ limit: 20 })).not.toBe(queryHash({ limit: "20" }));
  });
});

describe("rawQueryHash", () => {
  it("answers queryHash of the parameters, for each spelling of one query", () => {
    const query = { limit: 20, sort: "price_asc", brand: undefined };
    expect(rawQueryHash("limit=20&sort=price_asc", query)).toBe(queryHash(query));
    expect(rawQueryHash("sort=price_asc&limit=20", query)).toBe(queryHash(query));
    expect(rawQueryHash("limit=5", { limit: 5 })).not.toBe(queryHash(query));
  });
});

import { CATALOG_CACHE_NAMESPACE, SYSTEM_ACTOR, type Cache } from "@emporium/domain";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createContainer, type EmporiumContainer } from "../container/create-container.js";
import { tempSqlite, type TempSqlite } from "../container/test-support/sqlite-file.js";
import { Tokens } from "../container/tokens.js";
import { cacheAside } from "../memory/cache-aside.js";
import { InMemoryRateLimiter } from "../memory/in-memory-rate-limiter.js";
import { SingleFlight } from "../memory/single-flight.js";
import { RedisCache } from "./redis-cache.js";
import { RedisRateLimiter } from "./redis-rate-limiter.js";
import { dropPrefixAndClose, redisUnavailable, testPrefix, testRedisClient, testRedisUrl } from "./test-support/test-redis.js";

const reason = await redisUnavailable();
if (reason !== null) console.warn(`Redis container tests skipped: ${reason}`);

const JWT_SECRET = "a-test-secret-that-is-long-enough-for-hs256";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Lets every pending microtask and I/O callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

interface ProductPrices {
  readonly slug: string;
  readonly prices: number[];
}

/** One instance of the shop: a container over the shared SQLite file and Redis, with its own single-flight. */
class Instance {
  readonly flight = new SingleFlight();
  loads = 0;
  constructor(readonly app: EmporiumContainer) {}

  /** The catalogue read path of the HTTP routes: the namespace version in the key, cache-aside, one load per key at a time. */
  async readProduct(
    slug: string,
    ttlSeconds = 120,
    cache: Cache = this.app.get(Tokens.Cache),
    gate?: Promise<void>,
  ): Promise<ProductPrices> {
    const version = await cache.version(CATALOG_CACHE_NAMESPACE);
    return cacheAside(
      cache,
      `${CATALOG_CACHE_NAMESPACE}:v${version}:product:${slug}`,
      ttlSeconds,
      async () => {
        this.loads += 1;
        await gate;
        const found = await this.app.useCase("GetProduct").execute({ slug });
        if (!found.ok) throw new Error(`${slug}: ${found.error.code}`);
        return { slug, prices: found.value.variants.map((v) => v.price) };
      },
      this.flight,
    );
  }
}

describe.skipIf(reason !== null)("the container with REDIS_URL", () => {
  const prefix = testPrefix("container");
  let sqlite: TempSqlite;
  let apps: EmporiumContainer[] = [];
  let productId: string;

  const open = async () => {
    const app = await createContainer(sqlite.config({ REDIS_URL: testRedisUrl(prefix), JWT_SECRET }));
    apps.push(app);
    return new Instance(app);
  };

  beforeAll(async () => {
    sqlite = tempSqlite();
    const seeding = await open();
    const row = {
      rowNumber: 1,
      product: "redis-tee",
      name: "Redis Tee",
      categoryPaths: [["Apparel"]],
      options: {},
      attributes: {},
      images: [],
    };
    const report = await seeding.app.useCase("ImportProducts").execute({
      actor: SYSTEM_ACTOR,
      rows: [{ ...row, sku: "REDIS-TEE", price: 1999, stock: 10, status: "active" }],
    });
    if (!report.ok || report.value.counts.created !== 1) throw new Error(`seeding failed: ${JSON.stringify(report)}`);
    const found = await seeding.app.useCase("GetProduct").execute({ slug: "redis-tee" });
    if (!found.ok) throw new Error("seeded product not found");
    productId = found.value.product.id;
  });
  afterEach(async () => {
    await Promise.all(apps.map((app) => app.close()));
    apps = [];
  });
  afterAll(async () => {
    await dropPrefixAndClose(await testRedisClient(), prefix);
    sqlite.remove();
  });

  it("binds the Redis cache and the shared limiter, keeping login's fallback limiter in process", async () => {
    const { app } = await open();
    expect(app.get(Tokens.Cache)).toBeInstanceOf(RedisCache);
    expect(app.get(Tokens.RateLimiter)).toBeInstanceOf(RedisRateLimiter);
    expect(app.get(Tokens.AuthRateLimiter)).toBeInstanceOf(InMemoryRateLimiter);
    expect(app.get(Tokens.AppDeps).cache).toBe(app.get(Tokens.Cache));
    expect(await (app.get(Tokens.Cache) as RedisCache).status()).toBe("ok");
  });

  it("writes under the URL's prefix, so shops sharing a Redis never meet", async () => {
    const { app } = await open();
    await app.get(Tokens.Cache).set("probe", "here", 60);
    const client = await testRedisClient();
    try {
      expect(await client.get(`${prefix}cache:k:probe`)).toBe('"here"');
    } finally {
      await client.quit();
    }
  });

  it("shows every instance the new price once a price change commits", async () => {
    const [writer, reader] = [await open(), await open()];
    expect((await reader.readProduct("redis-tee")).prices).toEqual([1999]);
    expect((await writer.readProduct("redis-tee")).prices).toEqual([1999]);
    expect(reader.loads + writer.loads).toBe(1);

    const updated = await writer.app.useCase("UpdateVariant").execute({ actor: SYSTEM_ACTOR, productId, sku: "REDIS-TEE", price: 2499 });
    expect(updated.ok).toBe(true);

    expect((await reader.readProduct("redis-tee")).prices).toEqual([2499]);
    expect((await writer.readProduct("redis-tee")).prices).toEqual([2499]);
    expect(reader.loads + writer.loads).toBe(2);

    const restored = await writer.app.useCase("UpdateVariant").execute({ actor: SYSTEM_ACTOR, productId, sku: "REDIS-TEE", price: 1999 });
    expect(restored.ok).toBe(true);
    expect((await reader.readProduct("redis-tee")).prices).toEqual([1999]);
  });

  it("loads an expired hot key from the database at most once per process for 1,000 concurrent reads", async () => {
    const instances = [await open(), await open()];
    // A fresh version, the key warmed with a short TTL, then left to expire: the stampede case.
    await instances[0]!.app.get(Tokens.Cache).bump(CATALOG_CACHE_NAMESPACE);
    await instances[0]!.readProduct("redis-tee", 0.2);
    expect(instances[0]!.loads).toBe(1);
    await sleep(400);
    instances[0]!.loads = 0;

    let misses = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const reads = instances.flatMap((instance) => {
      const redis = instance.app.get(Tokens.Cache);
      // Counts finished cache reads, to release the database only once every read has missed.
      const counting: Cache = {
        get: async <T>(key: string) => {
          const value = await redis.get<T>(key);
          misses += 1;
          return value;
        },
        set: (key, value, ttl) => redis.set(key, value, ttl),
        delete: (key) => redis.delete(key),
        version: (namespace) => redis.version(namespace),
        bump: (namespace) => redis.bump(namespace),
      };
      return Array.from({ length: 500 }, () => instance.readProduct("redis-tee", 60, counting, gate));
    });
    while (misses < 1_000) await settle();
    await settle();
    release();
    const values = await Promise.all(reads);

    const loads = instances.map((instance) => instance.loads);
    console.log(
      `cache stampede: 1,000 concurrent reads of an expired key over 2 processes -> database loads per process ${loads.join(", ")}`,
    );
    expect(loads.every((n) => n <= 1)).toBe(true);
    expect(loads.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(values.every((v) => v.prices[0] === 1999)).toBe(true);
  });
});

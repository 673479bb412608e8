import { createHash } from "node:crypto";
import { SingleFlight } from "@emporium/adapters";
import { CATALOG_CACHE_NAMESPACE, ok, type Cache, type Result } from "@emporium/domain";
import { toJsonBody, type JsonBody } from "./middleware/etag.js";
import type { Metrics } from "./middleware/metrics.js";

/** What a cached catalogue read is, as the key prefix and the `cache` label of the hit/miss counters. */
export type CatalogCacheKind = "product" | "products" | "category" | "category-tree";

export interface CatalogReadCacheOptions {
  readonly cache: Cache;
  readonly metrics: Pick<Metrics, "cacheHits" | "cacheMisses">;
}

/**
 * Cache-aside for the public catalogue reads (DESIGN §8). Keys carry the `catalog` namespace
 * version (`catalog:v7:product:classic-tee`), which every catalogue write bumps, so a write
 * retires all of them at once without scanning. Concurrent misses of one key load once.
 * Only successful answers are stored, and they are stored as JSON response bodies, which any
 * cache adapter round-trips unchanged (domain objects carry Dates).
 */
export class CatalogReadCache {
  private readonly cache: Cache;
  private readonly metrics: CatalogReadCacheOptions["metrics"];
  private readonly flight = new SingleFlight();

  constructor({ cache, metrics }: CatalogReadCacheOptions) {
    this.cache = cache;
    this.metrics = metrics;
  }

  async read<T, E>(kind: CatalogCacheKind, id: string, ttlSeconds: number, load: () => Promise<Result<T, E>>): Promise<Result<T, E>> {
    const version = await this.cache.version(CATALOG_CACHE_NAMESPACE);
    const key = `${CATALOG_CACHE_NAMESPACE}:v${version}:${kind}${id === "" ? "" : `:${id}`}`;
    const cached = await this.cache.get<T>(key);
    if (cached !== undefined) {
      this.metrics.cacheHits.inc({ cache: kind });
      return ok(cached);
    }
    this.metrics.cacheMisses.inc({ cache: kind });
    return this.flight.do(key, async () => {
      const result = await load();
      if (result.ok) await this.cache.set(key, result.value, ttlSeconds);
      return result;
    });
  }

  /**
   * `read`, keeping the answer serialized with its ETag: a hit then costs no copy of the
   * object, no JSON.stringify and no hash. Stored under keys of their own (`…:product:json:<slug>`),
   * so entries written by `read` are never mistaken for serialized ones.
   */
  async readJson<T, E>(
    kind: CatalogCacheKind,
    id: string,
    ttlSeconds: number,
    load: () => Promise<Result<T, E>>,
  ): Promise<Result<JsonBody<T>, E>> {
    return this.read(kind, id === "" ? "json" : `json:${id}`, ttlSeconds, async () => {
      const result = await load();
      return result.ok ? ok(toJsonBody(result.value)) : result;
    });
  }
}

/** A short stable hash of query parameters, whatever order they came in; absent ones do not count. */
export function queryHash(query: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash("sha256").update(JSON.stringify(entries)).digest("base64url").slice(0, 32);
}

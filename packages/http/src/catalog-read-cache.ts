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
  /** Bytes of serialized bodies `readJson` keeps in this process (default 16 MiB); 0 keeps none. */
  readonly localMaxBytes?: number;
  /** Milliseconds since the epoch; injectable for tests. */
  readonly now?: () => number;
}

/** What a cache shared between instances may add (see RedisCache.checkedVersion). */
interface CheckedVersions {
  checkedVersion(namespace: string): Promise<{ version: number; confirmed: boolean }>;
}

/** What an in-process cache (InMemoryCache) says of itself: no other process reads its entries. */
interface ProcessLocal {
  readonly processLocal: boolean;
}

/** What `readJson` stores in the shared cache: the body, its ETag and when the entry runs out. */
interface StoredJson {
  readonly json: string;
  readonly etag: string;
  readonly expiresAt?: number;
}

interface LocalEntry {
  readonly body: KeptBody<unknown>;
  readonly expiresAt: number;
  /** What the entry counts against `localMaxBytes`. */
  readonly size: number;
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

/**
 * A body kept for many answers: only its UTF-8 bytes, in an ArrayBuffer of their own (a
 * pooled Buffer would hold on to the whole pool slab). The JSON text, which only the few
 * callers that parse the body read, is decoded from them when asked for.
 */
class KeptBody<T> implements JsonBody<T> {
  readonly etag: string;
  readonly bytes: Uint8Array;

  constructor(json: string, etag: string) {
    this.etag = etag;
    this.bytes = utf8.encode(json);
  }

  get json(): string {
    return utf8Decoder.decode(this.bytes);
  }
}

/**
 * Cache-aside for the public catalogue reads (DESIGN §8). Keys carry the `catalog` namespace
 * version (`catalog:v7:product:classic-tee`), which every catalogue write bumps, so a write
 * retires all of them at once without scanning. Concurrent misses of one key load once.
 * Only successful answers are stored, and they are stored as JSON response bodies, which any
 * cache adapter round-trips unchanged (domain objects carry Dates).
 *
 * `readJson` also keeps the serialized bodies it has seen in this process, under the same
 * versioned keys and until the same expiry as the shared entry, so a hit asks the shared
 * cache for the namespace version only: no second round trip to Redis, no copy or parse of
 * the body. That is as fresh as the shared cache itself: the version is read on every
 * request, and an entry stored under a version is never rewritten with other content
 * (a write bumps the version instead), so the copy here is the one the shared cache holds.
 * When the cache is itself in this process (InMemoryCache), a body kept here is not stored
 * there too: nobody else could read it, and each page would be held twice.
 */
export class CatalogReadCache {
  private readonly cache: Cache;
  private readonly metrics: CatalogReadCacheOptions["metrics"];
  private readonly flight = new SingleFlight();
  private readonly now: () => number;
  private readonly localMaxBytes: number;
  private readonly processLocal: boolean;
  // Insertion order is eviction order; every key in it carries `localVersion`.
  private readonly local = new Map<string, LocalEntry>();
  private localVersion = -1;
  private localBytes = 0;
  private readonly hits = new Map<CatalogCacheKind, { inc(): void }>();

  constructor({ cache, metrics, localMaxBytes = 16 * 1024 * 1024, now = Date.now }: CatalogReadCacheOptions) {
    this.cache = cache;
    this.processLocal = (cache as Cache & Partial<ProcessLocal>).processLocal === true;
    this.metrics = metrics;
    this.localMaxBytes = localMaxBytes;
    this.now = now;
  }

  async read<T, E>(kind: CatalogCacheKind, id: string, ttlSeconds: number, load: () => Promise<Result<T, E>>): Promise<Result<T, E>> {
    const key = this.key(await this.cache.version(CATALOG_CACHE_NAMESPACE), kind, id);
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
    const { version, confirmed } = await this.checkedVersion();
    if (confirmed && version !== this.localVersion) this.resetLocal(version);
    const key = this.key(version, kind, id === "" ? "json" : `json:${id}`);
    // Entries of this process are trusted only under a version the shared cache just confirmed.
    const local = confirmed ? this.local.get(key) : undefined;
    if (local !== undefined) {
      if (local.expiresAt > this.now()) {
        this.hitCounter(kind).inc();
        return ok(local.body as JsonBody<T>);
      }
      this.forget(key, local);
    }
    const stored = await this.cache.get<StoredJson>(key);
    if (stored !== undefined && typeof stored.json === "string" && typeof stored.etag === "string") {
      this.metrics.cacheHits.inc({ cache: kind });
      const body: JsonBody<T> = { json: stored.json, etag: stored.etag };
      return ok((confirmed ? this.keep(version, key, body, stored.expiresAt ?? this.now() + ttlSeconds * 1000) : undefined) ?? body);
    }
    this.metrics.cacheMisses.inc({ cache: kind });
    return this.flight.do(key, async () => {
      const result = await load();
      if (!result.ok) return result;
      const body = toJsonBody(result.value);
      if (ttlSeconds <= 0) return ok(body);
      const expiresAt = this.now() + ttlSeconds * 1000;
      const kept = confirmed ? this.keep(version, key, body, expiresAt) : undefined;
      if (kept === undefined || !this.processLocal) {
        await this.cache.set<StoredJson>(key, { json: body.json, etag: body.etag, expiresAt }, ttlSeconds);
      }
      return ok(kept ?? body);
    });
  }

  // Bound once per kind: inc() with a label object hashes the labels on every call.
  private hitCounter(kind: CatalogCacheKind): { inc(): void } {
    let counter = this.hits.get(kind);
    if (counter === undefined) {
      counter = this.metrics.cacheHits.labels({ cache: kind });
      this.hits.set(kind, counter);
    }
    return counter;
  }

  /** The catalogue version, and whether the cache vouches that it is current (not so with Redis down). */
  private async checkedVersion(): Promise<{ version: number; confirmed: boolean }> {
    const cache = this.cache as Cache & Partial<CheckedVersions>;
    if (cache.checkedVersion !== undefined) return cache.checkedVersion(CATALOG_CACHE_NAMESPACE);
    return { version: await this.cache.version(CATALOG_CACHE_NAMESPACE), confirmed: true };
  }

  private key(version: number, kind: CatalogCacheKind, id: string): string {
    return `${CATALOG_CACHE_NAMESPACE}:v${version}:${kind}${id === "" ? "" : `:${id}`}`;
  }

  /** A new version retires every entry of the old one, here as in the shared cache. */
  private resetLocal(version: number): void {
    this.local.clear();
    this.localBytes = 0;
    this.localVersion = version;
  }

  /** Keeps a body here, encoded once for sending; answers it as kept, or undefined when it is not. */
  private keep<T>(version: number, key: string, body: JsonBody<T>, expiresAt: number): KeptBody<T> | undefined {
    // A load that started before a bump may finish after it: its answer belongs to the old version.
    if (version !== this.localVersion || expiresAt <= this.now()) return undefined;
    // UTF-8 never takes fewer bytes than the text has UTF-16 units: a body too long by that count is not encoded.
    if (body.json.length + key.length > this.localMaxBytes) return undefined;
    const kept = new KeptBody<T>(body.json, body.etag);
    const size = kept.bytes.byteLength + key.length;
    if (size > this.localMaxBytes) return undefined;
    const previous = this.local.get(key);
    if (previous !== undefined) this.forget(key, previous);
    this.local.set(key, { body: kept, expiresAt, size });
    this.localBytes += size;
    for (const [oldest, entry] of this.local) {
      if (this.localBytes <= this.localMaxBytes) break;
      this.forget(oldest, entry);
    }
    return kept;
  }

  private forget(key: string, entry: LocalEntry): void {
    this.local.delete(key);
    this.localBytes -= entry.size;
  }
}

// The hashes of recent queries by their raw query string: most traffic asks the same few pages,
// and sorting, serializing and hashing the parameters showed in profiles of cached list reads.
const QUERY_HASHES_KEPT = 1_000;
const queryHashes = new Map<string, string>();

/** A short stable hash of query parameters, whatever order they came in; absent ones do not count. */
export function queryHash(query: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash("sha256").update(JSON.stringify(entries)).digest("base64url").slice(0, 32);
}

/**
 * `queryHash(query)`, remembered for the raw query string `query` was validated from: the
 * same string always validates to the same parameters.
 */
export function rawQueryHash(raw: string, query: Readonly<Record<string, unknown>>): string {
  let hash = queryHashes.get(raw);
  if (hash === undefined) {
    hash = queryHash(query);
    if (queryHashes.size >= QUERY_HASHES_KEPT) queryHashes.clear();
    queryHashes.set(raw, hash);
  }
  return hash;
}

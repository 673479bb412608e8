import type { Cache } from "@emporium/domain";
import type { Redis } from "ioredis";
import { silentLogger, type Logger } from "../container/logger.js";
import { ThrottledWarning } from "./throttled-warning.js";

export type CacheStatus = "ok" | "degraded";

export interface RedisCacheOptions {
  /** A fail-fast client (see createRedisClient): every call here costs at most its command timeout. */
  readonly client: Redis;
  /** Put before every key (default `emporium:cache:`), so several shops or test runs can share one Redis. */
  readonly prefix?: string;
  readonly logger?: Logger;
  /** Pause between attempts to apply a bump that failed (default 1 s). */
  readonly bumpRetryMs?: number;
}

/**
 * The Cache port on Redis, shared by every instance. Values are stored as JSON with a TTL
 * (`SET … PX`); namespace versions are plain counters (`GET`/`INCR` of `<prefix>v:<namespace>`,
 * no TTL), so invalidation never scans keys. Redis failing or answering too slowly never
 * reaches the caller: a read is a miss, a write is skipped, and both are counted and logged.
 * A bump that fails is retried in the background until it lands, because a lost bump would
 * leave stale catalogue entries until their TTL.
 */
export class RedisCache implements Cache {
  private readonly client: Redis;
  private readonly prefix: string;
  private readonly bumpRetryMs: number;
  private readonly warning: ThrottledWarning;
  // What version() answers while Redis does not: the last version this process saw.
  private readonly knownVersions = new Map<string, number>();
  private readonly pendingBumps = new Set<string>();
  private readonly versionBatches = new Map<string, Promise<{ version: number; confirmed: boolean }>>();
  private bumpRetry: NodeJS.Timeout | undefined;
  private failureCount = 0;
  private closed = false;

  constructor({ client, prefix = "emporium:cache:", logger = silentLogger, bumpRetryMs = 1_000 }: RedisCacheOptions) {
    this.client = client;
    this.prefix = prefix;
    this.bumpRetryMs = bumpRetryMs;
    this.warning = new ThrottledWarning(logger, 10_000);
  }

  async get<T>(key: string): Promise<T | undefined> {
    const raw = await this.attempt("get", () => this.client.get(this.entryKey(key)));
    if (raw === undefined || raw === null) return undefined;
    try {
      return JSON.parse(raw) as T;
    } catch {
      return undefined;
    }
  }

  async set<T>(key: string, value: T, ttlSeconds: number): Promise<void> {
    if (ttlSeconds <= 0 || value === undefined) return this.delete(key);
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch {
      // Cyclic or BigInt values: not cacheable, and the port promises never to throw.
      return;
    }
    if (json === undefined) return;
    const ttlMs = Math.max(1, Math.ceil(ttlSeconds * 1000));
    await this.attempt("set", () => this.client.set(this.entryKey(key), json, "PX", ttlMs));
  }

  async delete(key: string): Promise<void> {
    await this.attempt("delete", () => this.client.del(this.entryKey(key)));
  }

  async version(namespace: string): Promise<number> {
    return (await this.readVersion(namespace)).version;
  }

  /**
   * `version`, and whether Redis just vouched for it: not when Redis did not answer (the
   * version is then the last one this process saw) nor while a bump of this namespace made
   * here waits to be applied. A caller keeping entries of its own must not trust them then.
   */
  checkedVersion(namespace: string): Promise<{ version: number; confirmed: boolean }> {
    // Callers in one turn of the event loop share one GET, sent once that turn's I/O callbacks
    // have run. Each of them began before it was sent, so it still sees every bump that had
    // landed when the caller began: batching saves round trips without serving anything older.
    let batch = this.versionBatches.get(namespace);
    if (batch === undefined) {
      batch = new Promise((resolve) => {
        setImmediate(() => {
          this.versionBatches.delete(namespace);
          resolve(this.readVersion(namespace));
        });
      });
      this.versionBatches.set(namespace, batch);
    }
    return batch;
  }

  private async readVersion(namespace: string): Promise<{ version: number; confirmed: boolean }> {
    if (this.pendingBumps.has(namespace)) await this.applyPendingBumps();
    const raw = await this.attempt("version", () => this.client.get(this.versionKey(namespace)));
    if (raw === undefined) return { version: this.knownVersions.get(namespace) ?? 0, confirmed: false };
    const version = raw === null ? 0 : Number(raw);
    this.knownVersions.set(namespace, version);
    return { version, confirmed: !this.pendingBumps.has(namespace) };
  }

  async bump(namespace: string): Promise<void> {
    const bumped = await this.attempt("bump", () => this.client.incr(this.versionKey(namespace)));
    if (bumped !== undefined) {
      this.knownVersions.set(namespace, bumped);
      return;
    }
    this.pendingBumps.add(namespace);
    this.scheduleBumpRetry();
  }

  /**
   * "ok" when Redis answers a PING in time and no bump is waiting to be applied; "degraded"
   * otherwise (reads then fall through to the database, or may be stale until the bump lands).
   */
  async status(): Promise<CacheStatus> {
    const pong = await this.attempt("ping", () => this.client.ping());
    if (pong === undefined) return "degraded";
    await this.applyPendingBumps();
    return this.pendingBumps.size === 0 ? "ok" : "degraded";
  }

  /** Calls that failed since this cache was created. */
  get failures(): number {
    return this.failureCount;
  }

  /** Stops retrying pending bumps; the client is closed by whoever opened it. */
  close(): void {
    this.closed = true;
    clearTimeout(this.bumpRetry);
    this.bumpRetry = undefined;
  }

  private async applyPendingBumps(): Promise<void> {
    for (const namespace of [...this.pendingBumps]) {
      // If an earlier INCR timed out but did run, this bumps twice: harmless, it only retires more keys.
      const bumped = await this.attempt("bump", () => this.client.incr(this.versionKey(namespace)));
      if (bumped === undefined) continue;
      this.pendingBumps.delete(namespace);
      this.knownVersions.set(namespace, bumped);
    }
  }

  private scheduleBumpRetry(): void {
    if (this.closed || this.bumpRetry !== undefined) return;
    this.bumpRetry = setTimeout(() => {
      this.bumpRetry = undefined;
      void this.applyPendingBumps().then(() => {
        if (this.pendingBumps.size > 0) this.scheduleBumpRetry();
      });
    }, this.bumpRetryMs);
    this.bumpRetry.unref();
  }

  private async attempt<T>(operation: string, command: () => Promise<T>): Promise<T | undefined> {
    try {
      return await command();
    } catch (error) {
      this.failureCount += 1;
      this.warning.warn({ err: error, operation }, "redis cache call failed; served as a miss");
      return undefined;
    }
  }

  private entryKey(key: string): string {
    return `${this.prefix}k:${key}`;
  }

  private versionKey(namespace: string): string {
    return `${this.prefix}v:${namespace}`;
  }
}

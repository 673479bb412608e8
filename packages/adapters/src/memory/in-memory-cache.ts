import { deserialize, serialize } from "node:v8";
import type { Cache } from "@emporium/domain";

export interface InMemoryCacheOptions {
  /** Least recently used entries are evicted beyond this many. */
  readonly maxEntries?: number;
  /** Least recently used entries are evicted beyond this many bytes of stored values (default 32 MiB). */
  readonly maxBytes?: number;
  /** Milliseconds since the epoch; injectable for tests. */
  readonly now?: () => number;
}

interface Entry {
  readonly bytes: Buffer;
  readonly expiresAt: number;
}

/**
 * A per-process Cache for the embedded profile and tests. Values are stored serialized with
 * V8's structured clone format and deserialized on every read, so a caller mutating what it
 * got cannot change what the next caller sees (as with Redis, which serializes), Dates come
 * back as Dates, and the size of what is kept is known: it is bounded in bytes as well as
 * entries. `processLocal` tells callers that no other process reads these entries.
 */
export class InMemoryCache implements Cache {
  readonly processLocal = true;
  // A Map iterates in insertion order; re-inserting on read makes the first key the least recently used.
  private readonly entries = new Map<string, Entry>();
  // Versions live apart from entries: evicting one would reset it and bring stale keys back to life.
  private readonly versions = new Map<string, number>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly now: () => number;
  private storedBytes = 0;

  constructor({ maxEntries = 10_000, maxBytes = 32 * 1024 * 1024, now = Date.now }: InMemoryCacheOptions = {}) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.now = now;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.storedBytes -= entry.bytes.byteLength;
      return undefined;
    }
    this.entries.set(key, entry);
    return deserialize(entry.bytes) as T;
  }

  async set<T>(key: string, value: T, ttlSeconds: number): Promise<void> {
    this.remove(key);
    if (ttlSeconds <= 0 || value === undefined) return;
    let bytes: Buffer;
    try {
      bytes = serialize(value);
    } catch {
      // The port promises cache failures never reach the caller; an uncloneable value is simply not cached.
      return;
    }
    if (bytes.byteLength > this.maxBytes) return;
    this.entries.set(key, { bytes, expiresAt: this.now() + ttlSeconds * 1000 });
    this.storedBytes += bytes.byteLength;
    this.evict();
  }

  async delete(key: string): Promise<void> {
    this.remove(key);
  }

  async version(namespace: string): Promise<number> {
    return this.versions.get(namespace) ?? 0;
  }

  async bump(namespace: string): Promise<void> {
    this.versions.set(namespace, (this.versions.get(namespace) ?? 0) + 1);
  }

  /** Number of stored entries, expired ones included until they are read or evicted. */
  get size(): number {
    return this.entries.size;
  }

  /** Bytes of the stored (serialized) values, expired ones included until they are read or evicted. */
  get bytes(): number {
    return this.storedBytes;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.storedBytes -= entry.bytes.byteLength;
  }

  private evict(): void {
    if (this.entries.size <= this.maxEntries && this.storedBytes <= this.maxBytes) return;
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.remove(key);
    }
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.storedBytes <= this.maxBytes) break;
      this.remove(key);
    }
  }
}

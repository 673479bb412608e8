import type { Cache } from "@emporium/domain";

export interface InMemoryCacheOptions {
  /** Least recently used entries are evicted beyond this many. */
  readonly maxEntries?: number;
  /** Milliseconds since the epoch; injectable for tests. */
  readonly now?: () => number;
}

interface Entry {
  readonly value: unknown;
  readonly expiresAt: number;
}

/**
 * A per-process Cache for the embedded profile and tests. Values are copied in
 * and out with structuredClone, so a caller mutating what it got cannot change
 * what the next caller sees (as with Redis, which serializes).
 */
export class InMemoryCache implements Cache {
  // A Map iterates in insertion order; re-inserting on read makes the first key the least recently used.
  private readonly entries = new Map<string, Entry>();
  // Versions live apart from entries: evicting one would reset it and bring stale keys back to life.
  private readonly versions = new Map<string, number>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor({ maxEntries = 10_000, now = Date.now }: InMemoryCacheOptions = {}) {
    this.maxEntries = maxEntries;
    this.now = now;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry);
    return structuredClone(entry.value) as T;
  }

  async set<T>(key: string, value: T, ttlSeconds: number): Promise<void> {
    this.entries.delete(key);
    if (ttlSeconds <= 0 || value === undefined) return;
    let copy: unknown;
    try {
      copy = structuredClone(value);
    } catch {
      // The port promises cache failures never reach the caller; an uncloneable value is simply not cached.
      return;
    }
    this.entries.set(key, { value: copy, expiresAt: this.now() + ttlSeconds * 1000 });
    this.evict();
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
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

  private evict(): void {
    if (this.entries.size <= this.maxEntries) return;
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(key);
    }
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(key);
    }
  }
}

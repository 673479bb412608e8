import type { SearchQuery, SearchResult } from "@emporium/domain";
import { SingleFlight } from "../memory/single-flight.js";
import { tokenize } from "./tokenize.js";

/** Results kept by default: the distinct searches of a busy shop's last moments, each a page of ids and the facets. */
const DEFAULT_CAPACITY = 1000;

/**
 * The results of recent searches, each kept under the index version it was
 * computed at. Every write to an index bumps its version (a row the writers
 * update in their transaction, so writes from any process count), and a result
 * is only handed out for the version it was computed at: a cached answer is
 * never older than what the index would answer. Concurrent searches for the
 * same query and version are computed once. Least recently used entries leave first.
 */
export class SearchResultCache {
  private readonly entries = new Map<string, { version: string; result: SearchResult }>();
  private readonly flight = new SingleFlight();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** The result kept for this query at `version`, else `compute`'s, which is then kept. */
  read(version: string, query: SearchQuery, compute: () => Promise<SearchResult>): Promise<SearchResult> {
    const key = cacheKey(query);
    const cached = this.lookup(version, key);
    if (cached !== undefined) return Promise.resolve(cached);
    if (this.capacity <= 0) return compute();
    return this.flight.do(`${version}\u0000${key}`, async () => {
      const result = await compute();
      this.store(version, key, result);
      return result;
    });
  }

  get(version: string, query: SearchQuery): SearchResult | undefined {
    return this.lookup(version, cacheKey(query));
  }

  set(version: string, query: SearchQuery, result: SearchResult): void {
    this.store(version, cacheKey(query), result);
  }

  /** False with capacity 0: callers can then skip reading the index version. */
  get enabled(): boolean {
    return this.capacity > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  private lookup(version: string, key: string): SearchResult | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.version !== version) return undefined;
    this.entries.set(key, entry);
    return entry.result;
  }

  private store(version: string, key: string, result: SearchResult): void {
    if (this.capacity <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { version, result });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}

/** What a search's answer depends on: the query's words as the indexes see them and every filter, in a fixed order. */
function cacheKey(query: SearchQuery): string {
  const attributes = Object.entries(query.attributes ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([
    tokenize(query.q),
    query.categoryPath ?? null,
    query.brand ?? null,
    attributes,
    query.minPrice ?? null,
    query.maxPrice ?? null,
    query.inStock ?? null,
    query.sort ?? "relevance",
    Math.max(1, Math.floor(query.page)),
    Math.max(1, Math.floor(query.limit)),
  ]);
}

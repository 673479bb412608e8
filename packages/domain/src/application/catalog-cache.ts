import type { Cache } from "../ports/cache.js";

/** The cache namespace of every catalogue read (products, product lists, the category tree). */
export const CATALOG_CACHE_NAMESPACE = "catalog";

/**
 * Called after a catalogue write commits: bumping the namespace version retires every cached
 * catalogue key at once. The Cache port never throws, so a cache outage cannot fail the write.
 */
export async function invalidateCatalogCache(cache: Cache): Promise<void> {
  await cache.bump(CATALOG_CACHE_NAMESPACE);
}

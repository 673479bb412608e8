import type { Cache } from "@emporium/domain";
import type { SingleFlight } from "./single-flight.js";

/**
 * Reads `key` from the cache, or loads it, stores it for `ttlSeconds` and returns it.
 * With a SingleFlight, concurrent misses of one key run the loader once.
 * `undefined` means "not cached", so a loader returning it is never stored.
 */
export async function cacheAside<T>(
  cache: Cache,
  key: string,
  ttlSeconds: number,
  loader: () => Promise<T>,
  flight?: SingleFlight,
): Promise<T> {
  const cached = await cache.get<T>(key);
  if (cached !== undefined) return cached;
  const load = async (): Promise<T> => {
    const value = await loader();
    if (value !== undefined) await cache.set(key, value, ttlSeconds);
    return value;
  };
  return flight === undefined ? load() : flight.do(key, load);
}

export interface RedisTarget {
  /** The URL to connect to, without the `prefix` parameter. */
  readonly url: string;
  /** Put before every key this shop writes: `emporium:` unless the URL says otherwise. */
  readonly prefix: string;
}

export const DEFAULT_REDIS_PREFIX = "emporium:";

/**
 * Reads the optional `prefix` query parameter of REDIS_URL (`redis://cache:6379/0?prefix=staging:`),
 * which lets several shops, environments or test runs share one Redis without sharing keys.
 * Every instance of one shop must use the same prefix, or their caches would not see each
 * other's invalidations.
 */
export function parseRedisUrl(raw: string): RedisTarget {
  const parsed = new URL(raw);
  const prefix = parsed.searchParams.get("prefix");
  parsed.searchParams.delete("prefix");
  return { url: parsed.toString(), prefix: prefix === null || prefix === "" ? DEFAULT_REDIS_PREFIX : prefix };
}

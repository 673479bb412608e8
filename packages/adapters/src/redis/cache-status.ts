import { randomUUID } from "node:crypto";
import type { Cache } from "@emporium/domain";
import type { CacheStatus } from "./redis-cache.js";

interface ReportsStatus {
  status(): Promise<CacheStatus>;
}

const reportsStatus = (cache: Cache): cache is Cache & ReportsStatus => typeof (cache as Partial<ReportsStatus>).status === "function";

/**
 * How a cache is doing, for `/readyz`: its own answer when it has one (RedisCache pings and
 * applies pending bumps), otherwise a set/get round trip, since the port never throws and a
 * lost value is how an unreachable cache shows.
 */
export async function cacheStatus(cache: Cache): Promise<CacheStatus> {
  if (reportsStatus(cache)) return cache.status();
  const key = `readyz:${randomUUID()}`;
  await cache.set(key, 1, 5);
  const found = await cache.get<number>(key);
  await cache.delete(key);
  return found === 1 ? "ok" : "degraded";
}

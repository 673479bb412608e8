import type { Context } from "hono";
import { matchedRoutes } from "hono/route";

/**
 * The route pattern that handled the request (`/v1/products/:slug`), or
 * "unmatched": logs and metrics label by pattern, never by raw path, so ids
 * in URLs cannot explode metric cardinality. Middleware registered with
 * `use()` is ALL-method; the handler's own entry is the last other one.
 */
export function matchedRoute(c: Context): string {
  return matchedRoutes(c).findLast((route) => route.method !== "ALL")?.path ?? "unmatched";
}

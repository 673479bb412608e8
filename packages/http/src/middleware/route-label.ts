import type { Context } from "hono";
import { matchedRoute } from "../matched-route.js";

// On the context itself, as response-headers.ts keeps its bag.
const ROUTE = Symbol("matchedRoute");
type WithRoute = Context & { [ROUTE]?: string };

/** `matchedRoute(c)`, worked out once per request: the access log and the metrics both label by it, after the handler. */
export function routeLabel(c: Context): string {
  return ((c as WithRoute)[ROUTE] ??= matchedRoute(c));
}

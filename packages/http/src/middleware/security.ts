import type { MiddlewareHandler } from "hono";
import { every } from "hono/combine";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { withResponseHeaders } from "./response-headers.js";

export interface SecurityOptions {
  /** Exact origins allowed to call the API from a browser; empty allows none. */
  readonly corsOrigins: readonly string[];
}

// The API serves JSON only; the one HTML page (/docs) loads Swagger UI from its CDN and is exempt.
const API_CSP = { defaultSrc: ["'none'"], frameAncestors: ["'none'"] };

/**
 * What Hono's secureHeaders({ contentSecurityPolicy: API_CSP }) sets, written out so that
 * API responses get them as one plain object (see response-headers.ts); a test holds the
 * two together.
 */
export const API_SECURE_HEADERS: Readonly<Record<string, string>> = {
  "Cross-Origin-Resource-Policy": "same-origin",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Origin-Agent-Cluster": "?1",
  "Referrer-Policy": "no-referrer",
  "Strict-Transport-Security": "max-age=15552000; includeSubDomains",
  "X-Content-Type-Options": "nosniff",
  "X-DNS-Prefetch-Control": "off",
  "X-Download-Options": "noopen",
  "X-Frame-Options": "SAMEORIGIN",
  "X-Permitted-Cross-Domain-Policies": "none",
  "X-XSS-Protection": "0",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
};

const EXPOSED_HEADERS = [
  "X-Request-Id",
  "ETag",
  "Retry-After",
  "RateLimit-Limit",
  "RateLimit-Remaining",
  "RateLimit-Reset",
  "Idempotent-Replayed",
  "Location",
];

/**
 * Secure headers (nosniff, HSTS, frame denial, a deny-all CSP for JSON) and
 * CORS for the configured origins only. Origins not on the list get no
 * Access-Control-Allow-Origin, so browsers refuse the response.
 */
export const security = ({ corsOrigins }: SecurityOptions): MiddlewareHandler => {
  const allowed = new Set(corsOrigins);
  const allowOrigin = (origin: string) => (allowed.has(origin) ? origin : null);
  const allowCors = cors({
    origin: allowOrigin,
    allowMethods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
    allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key", "X-Cart-Token", "X-Request-Id", "traceparent"],
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  const preflight = every(secureHeaders({ contentSecurityPolicy: API_CSP }), allowCors);
  const docs = every(secureHeaders(), allowCors);
  const exposed = EXPOSED_HEADERS.join(",");
  return async function security(c, next) {
    if (c.req.path === "/docs") return docs(c, next);
    if (c.req.method === "OPTIONS") return preflight(c, next);
    // What Hono's cors and secureHeaders give an actual request, as plain headers.
    const granted = allowOrigin(c.req.header("origin") ?? "");
    await withResponseHeaders(c, next, (headers) => {
      Object.assign(headers, API_SECURE_HEADERS);
      if (granted !== null) headers["Access-Control-Allow-Origin"] = granted;
      headers["Access-Control-Expose-Headers"] = exposed;
      headers["Vary"] = "Origin";
    });
  };
};

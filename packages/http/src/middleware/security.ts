import type { MiddlewareHandler } from "hono";
import { every } from "hono/combine";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";

export interface SecurityOptions {
  /** Exact origins allowed to call the API from a browser; empty allows none. */
  readonly corsOrigins: readonly string[];
}

// The API serves JSON only; the one HTML page (/docs) loads Swagger UI from its CDN and is exempt.
const API_CSP = { defaultSrc: ["'none'"], frameAncestors: ["'none'"] };

/**
 * Secure headers (nosniff, HSTS, frame denial, a deny-all CSP for JSON) and
 * CORS for the configured origins only. Origins not on the list get no
 * Access-Control-Allow-Origin, so browsers refuse the response.
 */
export const security = ({ corsOrigins }: SecurityOptions): MiddlewareHandler => {
  const allowed = new Set(corsOrigins);
  const allowCors = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
    allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key", "X-Cart-Token", "X-Request-Id", "traceparent"],
    exposeHeaders: [
      "X-Request-Id",
      "ETag",
      "Retry-After",
      "RateLimit-Limit",
      "RateLimit-Remaining",
      "RateLimit-Reset",
      "Idempotent-Replayed",
      "Location",
    ],
    maxAge: 600,
  });
  const api = every(secureHeaders({ contentSecurityPolicy: API_CSP }), allowCors);
  const docs = every(secureHeaders(), allowCors);
  return async function security(c, next) {
    return c.req.path === "/docs" ? docs(c, next) : api(c, next);
  };
};

import type { RateLimitDecision, RateLimiter } from "@emporium/domain";
import type { Context, MiddlewareHandler } from "hono";
import type { Logger } from "pino";
import { clientIp, socketAddress, type TrustProxy } from "../client-ip.js";
import { problem, titleOf } from "../problem.js";
import type { Metrics } from "./metrics.js";
import { addResponseHeaders, withResponseHeaders } from "./response-headers.js";

export interface RateLimitOptions {
  /** Route group (`general`, `auth`): each group has its own window per client. */
  readonly group: string;
  readonly limit: number;
  readonly windowMs: number;
  readonly limiter: RateLimiter;
  readonly trustProxy?: TrustProxy;
  /**
   * When the limiter throws (Redis down): true lets the request through and
   * counts it in `rate_limit_fail_open_total`; false asks `fallback` instead
   * (a strict in-process limiter for login and password reset), or refuses
   * with 503 when there is none.
   */
  readonly failOpen?: boolean;
  readonly fallback?: RateLimiter;
  readonly metrics?: Pick<Metrics, "rateLimitFailOpen">;
  readonly logger?: Logger;
  /** The socket peer address; the node server's by default. */
  readonly peer?: (c: Context) => string;
}

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

/**
 * A sliding-window limit per client IP and route group. Every limited
 * response carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset
 * (seconds); a refused one is 429 `rate_limit.exceeded` with Retry-After.
 */
export const rateLimit = ({
  group,
  limit,
  windowMs,
  limiter,
  trustProxy = false,
  failOpen = true,
  fallback,
  metrics,
  logger,
  peer = socketAddress,
}: RateLimitOptions): MiddlewareHandler =>
  async function rateLimit(c, next) {
    const key = `${group}:${clientIp(c, trustProxy, peer)}`;
    let decision: RateLimitDecision;
    try {
      decision = await limiter.hit(key, limit, windowMs);
    } catch (error) {
      logger?.warn({ err: error, group, fail_open: failOpen }, "rate limiter failed");
      if (failOpen) {
        metrics?.rateLimitFailOpen.inc({ group });
        return next();
      }
      if (!fallback) return problem(c, 503, "rate_limit.unavailable", titleOf(503), "Rate limiting is unavailable; retry shortly.");
      decision = await fallback.hit(key, limit, windowMs);
    }
    const headers: Record<string, string> = {
      "RateLimit-Limit": String(decision.limit),
      "RateLimit-Remaining": String(Math.max(0, decision.remaining)),
      // A sliding window has no fixed reset: when allowed, the whole quota is back at the latest one window from now.
      "RateLimit-Reset": String(decision.allowed ? seconds(windowMs) : seconds(decision.retryAfterMs)),
    };
    if (!decision.allowed) {
      const retryAfter = Math.max(1, seconds(decision.retryAfterMs));
      headers["Retry-After"] = String(retryAfter);
      addResponseHeaders(c, headers);
      return problem(c, 429, "rate_limit.exceeded", titleOf(429), `Too many requests; retry in ${retryAfter} s.`, {
        retryAfter,
      });
    }
    return withResponseHeaders(c, next, (values) => Object.assign(values, headers));
  };

import type { MiddlewareHandler } from "hono";
import type { Logger } from "pino";
import type { AppEnv } from "../app-env.js";
import { routeLabel } from "./route-label.js";

export interface AccessLogOptions {
  /** The base logger: the line carries request_id and trace_id itself, so it does not use the request's child logger. */
  readonly logger: Logger;
  readonly now?: () => number;
}

/**
 * One JSON line per request: request_id, trace_id, user_id, method, route
 * (the matched pattern, not the raw path), status and latency_ms. Server
 * errors log at error level, client errors at warn.
 */
export const accessLog = ({ logger, now = () => performance.now() }: AccessLogOptions): MiddlewareHandler<AppEnv> => {
  // The line's fields are fixed and none of them can hold a secret (the request id is either
  // generated or a plain token, the route is a pattern), so it skips the redaction pass, which
  // walks the whole line for every wildcard path and cost more than the rest of the line did.
  const lines = logger.child({}, { redact: [] });
  return async function accessLog(c, next) {
    const started = now();
    await next();
    const status = c.res.status;
    const line = {
      request_id: c.get("requestId"),
      trace_id: c.get("traceId"),
      user_id: c.get("auth")?.customerId ?? null,
      method: c.req.method,
      route: routeLabel(c),
      status,
      latency_ms: Math.round((now() - started) * 1000) / 1000,
    };
    const level = status >= 500 ? "error" : status >= 400 ? "warn" : "info";
    lines[level](line, "request");
  };
};

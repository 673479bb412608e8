import type { MiddlewareHandler } from "hono";
import { bodyLimit as honoBodyLimit } from "hono/body-limit";
import { problem, titleOf } from "../problem.js";

export interface BodyLimitOptions {
  readonly maxBytes: number;
}

/**
 * Refuses bodies over `maxBytes` with 413 `request.too_large`. Hono's
 * bodyLimit trusts Content-Length when present and otherwise counts the
 * streamed bytes, so a chunked body without a length is cut off too.
 */
export const bodyLimit = ({ maxBytes }: BodyLimitOptions): MiddlewareHandler => {
  const limit = honoBodyLimit({
    maxSize: maxBytes,
    onError: (c) => problem(c, 413, "request.too_large", titleOf(413), `The request body is over the ${maxBytes}-byte limit.`),
  });
  return async function bodyLimit(c, next) {
    // No route reads the body of a GET or HEAD. Asking for it anyway would make @hono/node-server
    // build a full fetch Request (headers, AbortSignal, stream) for every catalogue read.
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    return limit(c, next);
  };
};

import { randomBytes, randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { Logger } from "pino";
import type { AppEnv } from "../app-env.js";
import { requestLogger } from "../logger.js";
import { withResponseHeaders } from "./response-headers.js";

export interface TraceContext {
  readonly traceId: string;
  readonly parentId: string;
  readonly flags: string;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ZEROS = /^0+$/;

/** Parses a W3C `traceparent`; null when absent or invalid (all-zero ids, version ff, bad shape). */
export function parseTraceparent(header: string | undefined): TraceContext | null {
  const match = TRACEPARENT.exec(header?.trim().toLowerCase() ?? "");
  if (!match) return null;
  const [, version, traceId, parentId, flags, rest] = match as unknown as [string, string, string, string, string, string | undefined];
  // Version 00 has exactly four fields; later versions may append more.
  if (version === "ff" || (version === "00" && rest !== undefined)) return null;
  if (ZEROS.test(traceId) || ZEROS.test(parentId)) return null;
  return { traceId, parentId, flags };
}

// Trace and span ids come from a pooled buffer: randomBytes is a system call, and two of them
// per request showed in CPU profiles of cached catalogue reads.
const POOL_BYTES = 24 * 256;
let pool = Buffer.alloc(0);
let poolOffset = 0;

function randomHex(bytes: number): string {
  if (poolOffset + bytes > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  const hex = pool.toString("hex", poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return hex;
}

// Echoed into response headers and logs, so only a short, plain token is accepted from outside.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface RequestContextOptions {
  readonly logger: Logger;
  readonly headerName?: string;
  readonly generateId?: () => string;
}

/**
 * Gives every request an id (`X-Request-Id` in, or generated; always out), a
 * trace id from W3C `traceparent` (kept, or started) with a span of its own,
 * and a child logger carrying both.
 */
export const requestContext = ({
  logger,
  headerName = "X-Request-Id",
  generateId = randomUUID,
}: RequestContextOptions): MiddlewareHandler<AppEnv> =>
  async function requestContext(c, next) {
    const incoming = c.req.header(headerName);
    const requestId = incoming !== undefined && SANE_REQUEST_ID.test(incoming) ? incoming : generateId();
    const parent = parseTraceparent(c.req.header("traceparent"));
    let traceId: string;
    let spanId: string;
    if (parent === null) {
      // One hex conversion for both ids.
      const ids = randomHex(24);
      traceId = ids.slice(0, 32);
      spanId = ids.slice(32);
    } else {
      traceId = parent.traceId;
      spanId = randomHex(8);
    }
    const flags = parent?.flags ?? "01";
    c.set("requestId", requestId);
    c.set("traceId", traceId);
    c.set("spanId", spanId);
    c.set("traceparent", `00-${traceId}-${spanId}-${flags}`);
    c.set("logger", requestLogger(logger, requestId, traceId));
    await withResponseHeaders(c, next, (headers) => {
      headers[headerName] = requestId;
    });
  };

import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/** How far X-Forwarded-For is believed: false ignores it; true takes its left-most entry; n counts n hops from the right. */
export type TrustProxy = boolean | number;

/** The socket's peer address under @hono/node-server; "unknown" elsewhere (e.g. `app.request()` without bindings). */
export function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

/**
 * The client's address. X-Forwarded-For is read only when `trustProxy` says
 * so, because any client can send it: with n trusted proxies in front, the
 * n-th entry from the right is the address the outermost proxy saw (the entries
 * left of it were written by the client itself). Too few entries fall back to
 * the left-most one.
 */
export function clientIp(c: Context, trustProxy: TrustProxy, peer: (c: Context) => string = socketAddress): string {
  if (trustProxy === false || trustProxy === 0) return peer(c);
  const forwarded = (c.req.header("X-Forwarded-For") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (forwarded.length === 0) return peer(c);
  if (trustProxy === true) return forwarded[0]!;
  return forwarded[Math.max(0, forwarded.length - trustProxy)]!;
}

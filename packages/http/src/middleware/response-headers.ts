import type { Context, Next } from "hono";

/**
 * Headers that middleware gives every response of a request (request id, rate limit, secure
 * headers, CORS), kept as a plain object until the response exists.
 *
 * Writing them with `c.header()` before the handler makes Hono build a fetch `Headers` for the
 * request and merge every header of the handler's response into it; writing them on `c.res`
 * after the handler makes it copy the response into a full fetch Response (with
 * `c.header()`, or touching `c.res` before the handler answered). On cached catalogue reads
 * that header plumbing cost more than the rest of the request. Instead, a handler answering
 * with `plainResponse` puts these headers straight into its response's plain header object,
 * which @hono/node-server hands to Node untouched; any other response gets them set onto it
 * once it exists, by the outermost middleware that wrote some.
 */
export interface ResponseHeaders {
  readonly values: Record<string, string>;
  /** The response built from `values` by `plainResponse`, which needs nothing more. */
  sentWith: Response | undefined;
}

// On the context itself: a WeakMap entry per request cost more than the headers it held.
const BAG = Symbol("responseHeaders");
type WithBag = Context & { [BAG]?: ResponseHeaders };
const bagOf = (c: Context) => (c as WithBag)[BAG];

// Header names middleware gives several values to; the others are replaced.
const APPENDED = new Set(["vary"]);

/**
 * Runs the rest of the chain with `write` having added headers to the request's response.
 * The first middleware of a request to call it sets them on the response afterwards, unless
 * `plainResponse` already put them in.
 */
export async function withResponseHeaders(c: Context, next: Next, write: (values: Record<string, string>) => void): Promise<void> {
  const existing = bagOf(c);
  if (existing !== undefined) {
    write(existing.values);
    await next();
    return;
  }
  const bag: ResponseHeaders = { values: {}, sentWith: undefined };
  (c as WithBag)[BAG] = bag;
  write(bag.values);
  await next();
  if (c.res === bag.sentWith) return;
  const out = c.res.headers;
  for (const name in bag.values) {
    const value = bag.values[name]!;
    if (APPENDED.has(name.toLowerCase())) out.append(name, value);
    else out.set(name, value);
  }
}

/** Adds headers to the request's response from inside a handler or a middleware that answers itself. */
export function addResponseHeaders(c: Context, headers: Record<string, string>): void {
  const bag = bagOf(c);
  if (bag === undefined) {
    for (const name in headers) c.header(name, headers[name]!);
    return;
  }
  Object.assign(bag.values, headers);
}

/**
 * A response with `headers` and every header middleware gave this request, as one plain
 * object: no fetch `Headers` is built for it. Only for handlers no middleware of theirs set
 * headers for with `c.header()` (those would be lost); Emporium's middleware use this module.
 */
export function plainResponse(c: Context, body: string | Uint8Array | null, status: number, headers: Record<string, string>): Response {
  const bag = bagOf(c);
  if (bag === undefined) return new Response(body, { status, headers });
  // Into the bag itself: spreading both into a new object made V8 build a fresh hidden class
  // for every response (about 10 µs each).
  const res = new Response(body, { status, headers: Object.assign(bag.values, headers) });
  bag.sentWith = res;
  return res;
}

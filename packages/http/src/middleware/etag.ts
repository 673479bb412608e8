import { createHash } from "node:crypto";
import type { Context, TypedResponse } from "hono";
import type { JSONParsed } from "hono/utils/types";
import { plainResponse } from "./response-headers.js";

/** Whether an If-None-Match header names this (weak) ETag; `*` matches anything. Comparison is weak (RFC 9110 §13.1.2). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const opaque = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === opaque);
}

/** A response body already serialized, with its weak ETag: what the catalogue cache keeps, so a hit costs neither. */
export interface JsonBody<T> {
  readonly json: string;
  readonly etag: string;
  /** `json` encoded as UTF-8 once, when the body is kept for many answers: sent as it is (and `json` then read only on demand). */
  readonly bytes?: Uint8Array;
  /** Type only: what `json` parses to. */
  readonly __type?: T;
}

/** Serializes a body and hashes it into a weak ETag (SHA-1 of the JSON). */
export function toJsonBody<T>(body: T): JsonBody<T> {
  const json = JSON.stringify(body);
  return { json, etag: `W/"${createHash("sha1").update(json).digest("base64url")}"` };
}

/**
 * Answers a public catalogue read with a weak ETag (SHA-1 of the JSON) and
 * `Cache-Control: public, max-age=N`, or 304 without a body when the client's
 * If-None-Match already names it. Use it only for responses that are the same
 * for every caller: products, categories, search.
 *
 * Typed as the 200 JSON response so it satisfies an OpenAPI route's handler;
 * the 304 is HTTP revalidation, which routes do not declare.
 */
export function cacheableJson<T>(c: Context, body: T, maxAgeSeconds: number): Response & TypedResponse<JSONParsed<T>, 200, "json"> {
  return jsonBodyResponse(c, toJsonBody(body), maxAgeSeconds);
}

/** `cacheableJson` for a body serialized beforehand (see `toJsonBody`). */
export function jsonBodyResponse<T>(
  c: Context,
  body: JsonBody<T>,
  maxAgeSeconds: number,
): Response & TypedResponse<JSONParsed<T>, 200, "json"> {
  const { etag } = body;
  const cacheControl = `public, max-age=${maxAgeSeconds}`;
  // `json` only when there are no bytes: a kept body decodes it on demand (see CatalogReadCache).
  const res = etagMatches(c.req.header("If-None-Match"), etag)
    ? plainResponse(c, null, 304, { ETag: etag, "Cache-Control": cacheControl })
    : plainResponse(c, body.bytes ?? body.json, 200, { ETag: etag, "Cache-Control": cacheControl, "Content-Type": "application/json" });
  return res as unknown as Response & TypedResponse<JSONParsed<T>, 200, "json">;
}

import { createHash } from "node:crypto";
import type { IdempotencyStore, StoredResponse } from "@emporium/domain";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.js";
import { PROBLEM_CONTENT_TYPE, problem, titleOf } from "../problem.js";

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
// Printable ASCII without spaces: a UUID, a ULID or any client token fits; nothing that could split a header.
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;
const DAY_SECONDS = 24 * 3600;

export interface IdempotencyOptions {
  readonly store: IdempotencyStore;
  /** How long a key is remembered; 24 h by default (DESIGN §6). */
  readonly ttlSeconds?: number;
  readonly now?: () => Date;
  /** Whose keys these are; the authenticated customer by default, so one customer's keys are invisible to another. */
  readonly scope?: (c: Context<AppEnv>) => string | undefined;
}

const requestHash = (method: string, path: string, body: string) =>
  createHash("sha256").update(`${method}\n${path}\n${body}`).digest("hex");

// The store keeps status and body; the content type follows from the status, as every body here is JSON.
const replay = (stored: StoredResponse) =>
  new Response(stored.body === "" ? null : stored.body, {
    status: stored.status,
    headers: {
      ...(stored.body === "" ? {} : { "Content-Type": stored.status >= 400 ? PROBLEM_CONTENT_TYPE : "application/json" }),
      "Idempotent-Replayed": "true",
    },
  });

/**
 * Makes a POST safe to retry (checkout, pay, refund). The first request with
 * a key runs; a retry with the same key and body gets the first response byte
 * for byte without running again; the same key with another body is 422
 * `idempotency.key_reused`; a retry while the first still runs is 409
 * `idempotency.in_progress`. Responses below 500 are kept (a 409 for stock
 * is an answer too); a 5xx or a throw frees the key so the client may retry.
 * Put it after `requireAuth()`.
 */
export const idempotency = ({
  store,
  ttlSeconds = DAY_SECONDS,
  now = () => new Date(),
  scope = (c) => c.get("auth")?.customerId,
}: IdempotencyOptions): MiddlewareHandler<AppEnv> =>
  async function idempotency(c, next) {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (key === undefined || !VALID_KEY.test(key)) {
      const message = key === undefined ? "is required" : "must be 1 to 255 printable ASCII characters without spaces";
      const errors = [{ path: "header.idempotency-key", message }];
      return problem(c, 422, "request.invalid", titleOf(422), `header.idempotency-key: ${message}`, { errors });
    }
    const owner = scope(c);
    if (owner === undefined) return problem(c, 401, "auth.unauthenticated", titleOf(401), "This route needs an access token.");

    const hash = requestHash(c.req.method, c.req.path, await c.req.text());
    const begun = await store.begin(owner, key, hash, now(), ttlSeconds);
    switch (begun.state) {
      case "in_progress":
        return problem(
          c,
          409,
          "idempotency.in_progress",
          titleOf(409),
          "A request with this Idempotency-Key is still running; retry shortly.",
        );
      case "mismatch":
        return problem(c, 422, "idempotency.key_reused", titleOf(422), "This Idempotency-Key was used with a different request.");
      case "completed":
        return replay(begun.response);
      case "started":
        break;
    }

    try {
      await next();
    } catch (error) {
      await store.abandon(owner, key);
      throw error;
    }
    // Recording the outcome must not change the answer: if it fails after a success, the client still
    // gets its response, and a retry meets `in_progress` until the key expires instead of a second effect.
    try {
      if (c.error !== undefined || c.res.status >= 500) await store.abandon(owner, key);
      else await store.complete(owner, key, { status: c.res.status, body: await c.res.clone().text() });
    } catch (error) {
      c.get("logger")?.error({ err: error, idempotency_key: key }, "idempotency outcome not recorded");
    }
  };

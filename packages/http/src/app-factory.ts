import type { FieldIssue } from "@emporium/domain";
import { OpenAPIHono, type Hook } from "@hono/zod-openapi";
import type { Context, ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "pino";
import type { ZodError } from "zod";
import type { AppEnv } from "./app-env.js";
import { createLogger } from "./logger.js";
import { problem, titleOf } from "./problem.js";
import { MALFORMED } from "./schemas/common.js";

/** Problem codes for the HTTP errors Hono and its middleware throw as HTTPException. */
const HTTP_EXCEPTION_CODES: Readonly<Record<number, string>> = {
  400: "request.malformed",
  401: "auth.unauthenticated",
  403: "auth.forbidden",
  404: "route.not_found",
  405: "request.method_not_allowed",
  413: "request.too_large",
  415: "request.unsupported_media_type",
  429: "rate_limit.exceeded",
};

type ValidationTarget = "json" | "form" | "query" | "param" | "header" | "cookie";

/**
 * Lists each failing field once. Body fields are named by their path
 * (`shippingAddress.city`); the other parts carry their source (`query.limit`,
 * `header.idempotency-key`). Unknown fields become one entry per field.
 */
export function fieldErrors(error: ZodError, target: ValidationTarget): FieldIssue[] {
  const name = (path: readonly PropertyKey[]) => {
    const joined = path.map(String).join(".");
    if (target === "json" || target === "form") return joined === "" ? "body" : joined;
    return joined === "" ? target : `${target}.${joined}`;
  };
  return error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ path: name([...issue.path, key]), message: "is not an accepted field" }))
      : [{ path: name(issue.path), message: issue.message }],
  );
}

const isMalformed = (error: ZodError) => error.issues.some((issue) => issue.code === "custom" && issue.params?.["problem"] === MALFORMED);

/** Turns a schema failure into 422 `request.invalid` (or 400 `request.malformed` for a bad cursor). */
export const validationHook: Hook<unknown, AppEnv, string, Response | undefined> = (result, c) => {
  if (result.success) return undefined;
  const errors = fieldErrors(result.error, result.target as ValidationTarget);
  const detail = errors.map((e) => `${e.path}: ${e.message}`).join("; ");
  if (isMalformed(result.error)) return problem(c, 400, MALFORMED, titleOf(400), detail);
  return problem(c, 422, "request.invalid", titleOf(422), detail, { errors });
};

/** Maps HTTPException to its problem; anything else is a bug or an outage: 500, logged, no stack trace out. */
export const errorHandler =
  (fallbackLogger: Logger): ErrorHandler<AppEnv> =>
  (error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      const code = HTTP_EXCEPTION_CODES[error.status] ?? "request.rejected";
      return problem(c, error.status, code, titleOf(error.status), error.message || titleOf(error.status));
    }
    const logger: Logger = c.get("logger") ?? fallbackLogger;
    logger.error({ err: error, method: c.req.method, path: c.req.path }, "unhandled error");
    const requestId = c.get("requestId");
    const reference = requestId ? ` (request id ${requestId})` : "";
    return problem(c, 500, "internal.error", titleOf(500), `An unexpected error occurred${reference}; it has been logged.`);
  };

export const notFoundHandler = (c: Context<AppEnv>) =>
  problem(c, 404, "route.not_found", titleOf(404), `No route matches ${c.req.method} ${c.req.path}`);

export interface CreateApiOptions {
  /** Logs unhandled errors when no request logger is on the context. */
  readonly logger?: Logger;
}

/**
 * An OpenAPIHono with Emporium's error contract: schema failures are 422
 * problems listing each field, invalid JSON is 400, unknown routes 404 and
 * unhandled errors 500 — all `application/problem+json`. Use it for the root
 * app and for every route group mounted with `app.route()`.
 */
export function createApi({ logger = createLogger() }: CreateApiOptions = {}): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.notFound(notFoundHandler);
  app.onError(errorHandler(logger));
  return app;
}

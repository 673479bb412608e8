import type { Config, EmporiumContainer, UseCase, UseCaseName } from "@emporium/adapters";
import type { Actor, AdminCommand } from "@emporium/domain";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import type { Logger } from "pino";
import type { AppEnv } from "../app-env.js";
import { currentAuth } from "../middleware/auth.js";
import type { Metrics } from "../middleware/metrics.js";

/**
 * What a route module is given. The root app has already run request context, logging,
 * metrics, security headers, CORS, the body limit, rate limits and `authenticate` for every
 * `/v1` route, so a module adds only its own guards (`requireAuth`, `requireRole`,
 * `ctx.idempotency()`) and handlers.
 */
export interface RouteContext {
  /** The composition root; `container.get(Tokens.X)` for the few adapters a route reads directly (e.g. SearchIndex). */
  readonly container: EmporiumContainer;
  readonly config: Config;
  /** A use case by name, typed: `ctx.useCase("PlaceOrder").execute(...)`. */
  useCase<K extends UseCaseName>(name: K): UseCase<K>;
  /** The base logger; inside a handler prefer `c.var.logger`, which carries the request id. */
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** A fresh idempotency guard over the database's store (checkout, pay, refund); put it after `requireAuth()`. */
  idempotency(): MiddlewareHandler<AppEnv>;
}

/** Everything a module exports: a function from the context to a route group mounted at `/v1`. */
export type RouteModule = (ctx: RouteContext) => OpenAPIHono<AppEnv>;

/** The caller as a use case actor; needs `requireAuth()` or `requireRole()` on the route. */
export function actorOf(c: Context<AppEnv>): Actor {
  const { customerId, role } = currentAuth(c);
  return { id: customerId, role };
}

/** The actor and request id an admin use case records in the audit log. */
export function commandOf(c: Context<AppEnv>): AdminCommand {
  return { actor: actorOf(c), requestId: c.get("requestId") };
}

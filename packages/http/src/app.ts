import { Tokens, type Config, type EmporiumContainer } from "@emporium/adapters";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { Hono } from "hono";
import type { Logger } from "pino";
import type { AppEnv } from "./app-env.js";
import { createApi } from "./app-factory.js";
import { createLogger } from "./logger.js";
import { accessLog } from "./middleware/access-log.js";
import { authenticate } from "./middleware/auth.js";
import { bodyLimit } from "./middleware/body-limit.js";
import { idempotency } from "./middleware/idempotency.js";
import { createMetrics, httpMetrics, type Metrics } from "./middleware/metrics.js";
import { rateLimit } from "./middleware/rate-limit.js";
import { requestContext } from "./middleware/request-context.js";
import { security } from "./middleware/security.js";
import { registerOps, type OpenApiInfo } from "./ops.js";
import { readinessChecks } from "./readiness-checks.js";
import { ROUTE_MODULES } from "./routes/index.js";
import type { RouteContext, RouteModule } from "./routes/route-context.js";

export interface CreateAppOptions {
  readonly container: EmporiumContainer;
  /** The container's configuration by default. */
  readonly config?: Config;
  /** JSON lines to stdout at the configured level by default. */
  readonly logger?: Logger;
  /** A registry of its own by default. */
  readonly metrics?: Metrics;
  /** The route groups to mount at `/v1`; every registered module by default. */
  readonly modules?: readonly RouteModule[];
}

// What Hono compares a mounted group's error handler with (hono-base `route()`): any other one makes
// it wrap each of the group's handlers and validators in a middleware chain of its own, run on
// every request. The groups' handler (createApi's) answers exactly as the root's does, over the
// same logger, so groups mounted here leave their errors to the root instead.
const HONO_ERROR_HANDLER = (new Hono() as unknown as { errorHandler: unknown }).errorHandler;

/** Mounts a route group at `/v1`, its errors answered by the root app's handler. */
function mount(app: OpenAPIHono<AppEnv>, group: OpenAPIHono<AppEnv>): void {
  (group as unknown as { errorHandler: unknown }).errorHandler = HONO_ERROR_HANDLER;
  app.route("/v1", group);
}

export const API_INFO: OpenApiInfo = {
  title: "Emporium API",
  version: "1.0.0",
  description:
    "E-commerce API: catalogue, search, carts, checkout, orders and administration. Errors are RFC 9457 problem documents with a stable dotted `code`.",
};

/**
 * The whole HTTP application over a container: cross-cutting middleware, every `/v1` route
 * group, the operations endpoints and the problem contract for anything unmatched.
 */
export function createApp({
  container,
  config = container.config,
  logger = createLogger({ level: config.logLevel }),
  metrics = createMetrics(),
  modules = ROUTE_MODULES,
}: CreateAppOptions): OpenAPIHono<AppEnv> {
  const app = createApi({ logger });
  const { trustProxy, corsOrigins, bodyLimitBytes } = config.http;
  const { windowMs, max, authMax } = config.rateLimit;

  app.use("*", requestContext({ logger }));
  app.use("*", accessLog({ logger }));
  app.use("*", httpMetrics({ metrics }));
  app.use("*", security({ corsOrigins }));
  app.use("*", bodyLimit({ maxBytes: bodyLimitBytes }));

  const limiterOptions = { windowMs, trustProxy, metrics, logger };
  // General traffic fails open when the shared limiter is down; the auth group must never
  // become unlimited, so it falls back to a strict limiter in this process instead.
  app.use("/v1/*", rateLimit({ ...limiterOptions, group: "general", limit: max, limiter: container.get(Tokens.RateLimiter) }));
  app.use(
    "/v1/auth/*",
    rateLimit({
      ...limiterOptions,
      group: "auth",
      limit: authMax,
      limiter: container.get(Tokens.RateLimiter),
      failOpen: false,
      fallback: container.get(Tokens.AuthRateLimiter),
    }),
  );
  app.use("/v1/*", authenticate({ tokens: container.get(Tokens.TokenService) }));

  const store = container.get(Tokens.Repositories).idempotency;
  const ctx: RouteContext = {
    container,
    config,
    useCase: (name) => container.useCase(name),
    logger,
    metrics,
    idempotency: () => idempotency({ store, ttlSeconds: config.shop.idempotencyTtlSeconds }),
  };
  for (const module of modules) mount(app, module(ctx));

  registerOps(app, { checks: readinessChecks(container), metrics, openapi: API_INFO });
  return app;
}

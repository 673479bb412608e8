/**
 * @emporium/http: the HTTP foundation. Build the root with `createApi()` and
 * apply the middleware in this order, so each sees what the previous set up:
 *   requestContext → security → accessLog → httpMetrics → bodyLimit →
 *   rateLimit (general on /v1/*, auth group on login/register/password reset) →
 *   authenticate; then per route requireAuth/requireRole and, on checkout, pay
 *   and refund, idempotency. `registerOps(app, …)` adds /healthz, /readyz,
 *   /metrics, /openapi.json and /docs; `startServer(app, …)` serves it.
 */
export * from "./app-env.js";
export * from "./problem.js";
export * from "./app-factory.js";
export * from "./schemas/common.js";
export * from "./logger.js";
export * from "./matched-route.js";
export * from "./client-ip.js";
export * from "./middleware/request-context.js";
export * from "./middleware/access-log.js";
export * from "./middleware/metrics.js";
export * from "./middleware/rate-limit.js";
export * from "./middleware/body-limit.js";
export * from "./middleware/security.js";
export * from "./middleware/auth.js";
export * from "./middleware/etag.js";
export * from "./middleware/idempotency.js";
export * from "./ops.js";
export * from "./server.js";
export * from "./readiness-checks.js";
export * from "./app.js";
export * from "./run-server.js";
export * from "./routes/index.js";
export * from "./routes/admin/catalog-documents.js";

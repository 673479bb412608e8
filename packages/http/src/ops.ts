import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { swaggerUI } from "@hono/swagger-ui";
import type { AppEnv } from "./app-env.js";
import type { Metrics } from "./middleware/metrics.js";

export type CheckStatus = "ok" | "degraded" | "down";

/** One dependency `/readyz` asks about: the database, cache, broker, search engine. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<CheckStatus>;
}

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
  readonly servers?: readonly { readonly url: string; readonly description?: string }[];
}

export interface OpsOptions {
  readonly checks?: readonly ReadinessCheck[];
  readonly metrics: Metrics;
  readonly openapi: OpenApiInfo;
  /** A check that has not answered by then counts as down; 2 s by default. */
  readonly checkTimeoutMs?: number;
}

/** The name of the bearer security scheme in the OpenAPI document; routes declare `security: BEARER_SECURITY`. */
export const BEARER_SCHEME = "bearerAuth";
export const BEARER_SECURITY = [{ [BEARER_SCHEME]: [] }];

const Health = z.object({ status: z.literal("ok") }).openapi("Health");
const CheckStatusSchema = z.enum(["ok", "degraded", "down"]);
const Readiness = z
  .object({ status: CheckStatusSchema, checks: z.record(z.string(), CheckStatusSchema) })
  .openapi("Readiness", { description: "Overall status and each dependency's; 503 when any is down" });

const healthRoute = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["operations"],
  summary: "The process is alive",
  responses: { 200: { description: "Alive", content: { "application/json": { schema: Health } } } },
});

const readyRoute = createRoute({
  method: "get",
  path: "/readyz",
  tags: ["operations"],
  summary: "The dependencies answer",
  responses: {
    200: { description: "Ready; degraded dependencies are named", content: { "application/json": { schema: Readiness } } },
    503: { description: "A dependency is down", content: { "application/json": { schema: Readiness } } },
  },
});

/** Runs a check with a deadline; a throw or a timeout is "down". */
async function probe({ check }: ReadinessCheck, timeoutMs: number): Promise<CheckStatus> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<CheckStatus>((resolve) => {
    timer = setTimeout(() => resolve("down"), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([check().catch((): CheckStatus => "down"), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const overall = (statuses: readonly CheckStatus[]): CheckStatus =>
  statuses.includes("down") ? "down" : statuses.includes("degraded") ? "degraded" : "ok";

/**
 * Adds the operations endpoints to the root app: `/healthz`, `/readyz`,
 * `/metrics` (Prometheus text), `/openapi.json` (OpenAPI 3.1 of every route
 * registered on the app, generated on request) and `/docs` (Swagger UI).
 */
export function registerOps(app: OpenAPIHono<AppEnv>, { checks = [], metrics, openapi, checkTimeoutMs = 2000 }: OpsOptions): void {
  app.openAPIRegistry.registerComponent("securitySchemes", BEARER_SCHEME, {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "Access token from POST /v1/auth/login",
  });

  app.openapi(healthRoute, (c) => c.json({ status: "ok" as const }, 200));

  app.openapi(readyRoute, async (c) => {
    const statuses = await Promise.all(checks.map((check) => probe(check, checkTimeoutMs)));
    const body = {
      status: overall(statuses),
      checks: Object.fromEntries(checks.map((check, i) => [check.name, statuses[i]!])),
    };
    return body.status === "down" ? c.json(body, 503) : c.json(body, 200);
  });

  app.get("/metrics", async (c) => c.body(await metrics.registry.metrics(), 200, { "Content-Type": metrics.registry.contentType }));

  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { title: openapi.title, version: openapi.version, ...(openapi.description ? { description: openapi.description } : {}) },
    servers: (openapi.servers ?? []).map((server) => ({ ...server })),
  });

  app.get("/docs", swaggerUI({ url: "/openapi.json", title: `${openapi.title} — API reference` }));
}

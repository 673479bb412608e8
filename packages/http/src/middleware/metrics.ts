import type { MiddlewareHandler } from "hono";
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import { matchedRoute } from "../matched-route.js";

/** The Prometheus metrics of one app; a registry each, so two apps (or two tests) never share counters. */
export interface Metrics {
  readonly registry: Registry;
  readonly httpRequestDuration: Histogram<"method" | "route" | "status">;
  readonly ordersPlaced: Counter;
  readonly checkoutsRejectedStock: Counter;
  /** Labelled by what was cached: `product`, `products`, `category-tree`, `cart`. */
  readonly cacheHits: Counter<"cache">;
  readonly cacheMisses: Counter<"cache">;
  /** Requests let through because the rate limiter's store failed; labelled by route group. */
  readonly rateLimitFailOpen: Counter<"group">;
}

export interface CreateMetricsOptions {
  /** Also export process metrics (CPU, memory, event loop lag, GC). */
  readonly processMetrics?: boolean;
}

export function createMetrics({ processMetrics = false }: CreateMetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: "http_request_duration_seconds",
      help: "HTTP request duration by method, route pattern and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    ordersPlaced: new Counter({ name: "orders_placed_total", help: "Orders placed at checkout", registers }),
    checkoutsRejectedStock: new Counter({
      name: "checkouts_rejected_stock_total",
      help: "Checkouts refused for insufficient stock",
      registers,
    }),
    cacheHits: new Counter({ name: "cache_hits_total", help: "Cache reads that found a value", labelNames: ["cache"], registers }),
    cacheMisses: new Counter({ name: "cache_misses_total", help: "Cache reads that fell through", labelNames: ["cache"], registers }),
    rateLimitFailOpen: new Counter({
      name: "rate_limit_fail_open_total",
      help: "Requests allowed because the rate limiter failed",
      labelNames: ["group"],
      registers,
    }),
  };
}

export interface HttpMetricsOptions {
  readonly metrics: Metrics;
}

/** Observes every request's duration by method, matched route pattern and status. */
export const httpMetrics = ({ metrics }: HttpMetricsOptions): MiddlewareHandler => {
  // The histogram's child per label set, bound once: observing with a label object hashes the
  // labels on every call. Routes are patterns and statuses few, so this stays small.
  const series = new Map<string, { observe(seconds: number): void }>();
  const seriesOf = (method: string, route: string, status: number) => {
    const key = `${method} ${status} ${route}`;
    let child = series.get(key);
    if (child === undefined) {
      child = metrics.httpRequestDuration.labels({ method, route, status: String(status) });
      series.set(key, child);
    }
    return child;
  };
  return async function httpMetrics(c, next) {
    const started = performance.now();
    await next();
    seriesOf(c.req.method, matchedRoute(c), c.res.status).observe((performance.now() - started) / 1000);
  };
};

import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { Histogram, Registry } from "prom-client";
import { createMetrics, httpMetrics, SeriesHistogram } from "./metrics.js";

describe("httpMetrics", () => {
  it("observes request durations by method, route pattern and status", async () => {
    const metrics = createMetrics();
    const app = new Hono();
    app.use(httpMetrics({ metrics }));
    app.get("/products/:slug", (c) => c.json({}));
    await app.request("/products/a");
    await app.request("/products/b");
    await app.request("/missing");
    const text = await metrics.registry.metrics();
    expect(text).toContain('http_request_duration_seconds_count{method="GET",route="/products/:slug",status="200"} 2');
    expect(text).toContain('http_request_duration_seconds_count{method="GET",route="unmatched",status="404"} 1');
    expect(text).not.toContain("/products/a");
  });

  it("exports the business counters, each app with its own registry", async () => {
    const first = createMetrics();
    const second = createMetrics();
    first.ordersPlaced.inc();
    first.checkoutsRejectedStock.inc(2);
    first.cacheHits.inc({ cache: "product" });
    first.cacheMisses.inc({ cache: "product" });
    first.rateLimitFailOpen.inc({ group: "general" });
    const text = await first.registry.metrics();
    expect(text).toContain("orders_placed_total 1");
    expect(text).toContain("checkouts_rejected_stock_total 2");
    expect(text).toContain('cache_hits_total{cache="product"} 1');
    expect(text).toContain('cache_misses_total{cache="product"} 1');
    expect(text).toContain('rate_limit_fail_open_total{group="general"} 1');
    expect(await second.registry.metrics()).toContain("orders_placed_total 0");
  });

  it("adds process metrics on request", async () => {
    const text = await createMetrics({ processMetrics: true }).registry.metrics();
    expect(text).toContain("process_cpu_user_seconds_total");
  });

  it("exports a SeriesHistogram exactly as prom-client exports a Histogram of the same observations", async () => {
    const buckets = [0.001, 0.01, 0.1, 1];
    const ours = new Registry();
    const theirs = new Registry();
    const series = new SeriesHistogram<"method" | "route">({ name: "d", help: "durations", buckets, registers: [ours] });
    const reference = new Histogram({ name: "d", help: "durations", labelNames: ["method", "route"], buckets, registers: [theirs] });
    const observations: [string, string, number][] = [
      ["GET", "/a", 0.0005],
      ["GET", "/a", 0.001],
      ["GET", "/a", 0.05],
      ["POST", "/b", 3],
      ["GET", "/a", 0.2],
    ];
    for (const [method, route, value] of observations) {
      series.labels({ method, route }).observe(value);
      reference.labels({ method, route }).observe(value);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
    const { values, ...rest } = await reference.get();
    // prom-client adds an empty `exemplar` to each of its values; the Registry prints none.
    const withoutExemplars = values.map((value) => {
      const { exemplar: _none, ...plain } = value as typeof value & { exemplar?: unknown };
      return plain;
    });
    expect(await series.get()).toEqual({ ...rest, values: withoutExemplars });
  });
});

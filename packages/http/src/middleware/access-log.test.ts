import { describe, expect, it } from "vitest";
import { createApi } from "../app-factory.js";
import { captureLogs } from "../test-support/log-capture.js";
import { accessLog } from "./access-log.js";
import { requestContext } from "./request-context.js";

const makeApp = () => {
  const logs = captureLogs();
  let clock = 1000;
  const app = createApi({ logger: logs.logger });
  app.use(requestContext({ logger: logs.logger, generateId: () => "req-1" }));
  app.use(accessLog({ logger: logs.logger, now: () => (clock += 12.5) }));
  app.use("/me/*", async (c, next) => {
    c.set("auth", { customerId: "cus_1", role: "customer" });
    await next();
  });
  app.get("/products/:slug", (c) => c.json({ slug: c.req.param("slug") }));
  app.get("/me/orders/:id", (c) => c.json({ id: c.req.param("id") }, 404));
  app.get("/boom", () => {
    throw new Error("x");
  });
  return { app, logs };
};

const requestLines = (lines: Record<string, unknown>[]) => lines.filter((line) => line["msg"] === "request");

describe("accessLog", () => {
  it("writes one JSON line per request with the route pattern, not the path", async () => {
    const { app, logs } = makeApp();
    await app.request("/products/classic-tee", { headers: { traceparent: `00-${"a".repeat(32)}-${"b".repeat(16)}-01` } });
    const lines = requestLines(logs.lines);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      request_id: "req-1",
      trace_id: "a".repeat(32),
      user_id: null,
      method: "GET",
      route: "/products/:slug",
      status: 200,
      latency_ms: 12.5,
    });
  });

  it("names the authenticated user and logs client errors at warn", async () => {
    const { app, logs } = makeApp();
    await app.request("/me/orders/o-9");
    expect(requestLines(logs.lines)[0]).toMatchObject({ level: 40, user_id: "cus_1", route: "/me/orders/:id", status: 404 });
  });

  it("logs server errors at error level and unknown routes as unmatched", async () => {
    const { app, logs } = makeApp();
    await app.request("/boom");
    await app.request("/nowhere/42");
    const lines = requestLines(logs.lines);
    expect(lines.map((l) => [l["level"], l["route"], l["status"]])).toEqual([
      [50, "/boom", 500],
      [40, "unmatched", 404],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { createApi } from "../app-factory.js";
import { captureLogs } from "../test-support/log-capture.js";
import { parseTraceparent, requestContext } from "./request-context.js";

const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const PARENT = "00f067aa0ba902b7";

const makeApp = () => {
  const logs = captureLogs();
  const app = createApi({ logger: logs.logger });
  app.use(requestContext({ logger: logs.logger, generateId: () => "generated-id" }));
  app.get("/", (c) => {
    c.get("logger").info("inside");
    return c.json({ requestId: c.get("requestId"), traceId: c.get("traceId"), spanId: c.get("spanId"), traceparent: c.get("traceparent") });
  });
  app.get("/boom", () => {
    throw new Error("x");
  });
  return { app, logs };
};

describe("requestContext", () => {
  it("keeps a sane incoming X-Request-Id and echoes it", async () => {
    const { app } = makeApp();
    const res = await app.request("/", { headers: { "X-Request-Id": "req-42.a_b:c" } });
    expect(res.headers.get("x-request-id")).toBe("req-42.a_b:c");
    expect(await res.json()).toMatchObject({ requestId: "req-42.a_b:c" });
  });

  it.each([
    ["too long", "a".repeat(129)],
    ["header injection", "abc\tdef"],
    ["markup", "<script>"],
    ["spaces", "a b"],
  ])("replaces an incoming id with %s by a generated one", async (_why, id) => {
    const { app } = makeApp();
    const res = await app.request("/", { headers: { "X-Request-Id": id } });
    expect(res.headers.get("x-request-id")).toBe("generated-id");
  });

  it("generates an id when none is sent, also on error responses", async () => {
    const { app } = makeApp();
    expect((await app.request("/")).headers.get("x-request-id")).toBe("generated-id");
    const failed = await app.request("/boom");
    expect(failed.status).toBe(500);
    expect(failed.headers.get("x-request-id")).toBe("generated-id");
  });

  it("continues an incoming W3C trace with a span of its own", async () => {
    const { app } = makeApp();
    const res = await app.request("/", { headers: { traceparent: `00-${TRACE_ID}-${PARENT}-01` } });
    const body = (await res.json()) as { traceId: string; spanId: string; traceparent: string };
    expect(body.traceId).toBe(TRACE_ID);
    expect(body.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(body.spanId).not.toBe(PARENT);
    expect(body.traceparent).toBe(`00-${TRACE_ID}-${body.spanId}-01`);
  });

  it("starts a trace when traceparent is missing or invalid", async () => {
    const { app } = makeApp();
    const res = await app.request("/", { headers: { traceparent: `00-${"0".repeat(32)}-${PARENT}-01` } });
    const body = (await res.json()) as { traceId: string; traceparent: string };
    expect(body.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(body.traceId).not.toBe("0".repeat(32));
    expect(body.traceparent).toMatch(new RegExp(`^00-${body.traceId}-[0-9a-f]{16}-01$`));
  });

  it("puts a child logger carrying request_id and trace_id on the context", async () => {
    const { app, logs } = makeApp();
    await app.request("/", { headers: { "X-Request-Id": "r-1", traceparent: `00-${TRACE_ID}-${PARENT}-00` } });
    expect(logs.lines).toHaveLength(1);
    expect(logs.lines[0]).toMatchObject({ msg: "inside", request_id: "r-1", trace_id: TRACE_ID });
  });
});

describe("parseTraceparent", () => {
  it("reads version 00", () => {
    expect(parseTraceparent(`00-${TRACE_ID}-${PARENT}-01`)).toEqual({ traceId: TRACE_ID, parentId: PARENT, flags: "01" });
  });

  it("accepts a future version with extra fields", () => {
    expect(parseTraceparent(`cc-${TRACE_ID}-${PARENT}-01-what-the-future-holds`)?.traceId).toBe(TRACE_ID);
  });

  it.each([
    undefined,
    "",
    "garbage",
    `ff-${TRACE_ID}-${PARENT}-01`,
    `00-${TRACE_ID}-${PARENT}-01-extra`,
    `00-${TRACE_ID}-${"0".repeat(16)}-01`,
    `00-${TRACE_ID.slice(1)}-${PARENT}-01`,
    `00-${TRACE_ID}-${PARENT}`,
  ])("rejects %s", (header) => {
    expect(parseTraceparent(header)).toBeNull();
  });
});

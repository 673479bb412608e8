import { describe, expect, it } from "vitest";
import { createApi } from "../app-factory.js";
import { captureLogs } from "../test-support/log-capture.js";
import { bodyLimit } from "./body-limit.js";

const MIB = 1024 * 1024;

/** A streamed body with no Content-Length, sent in 64 KiB chunks (Transfer-Encoding: chunked on the wire). */
const chunkedBody = (bytes: number) => {
  let left = bytes;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (left === 0) return controller.close();
      const size = Math.min(left, 64 * 1024);
      left -= size;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
};

const makeApp = () => {
  const app = createApi({ logger: captureLogs().logger });
  app.use(bodyLimit({ maxBytes: MIB }));
  app.post("/upload", async (c) => c.json({ received: (await c.req.arrayBuffer()).byteLength }));
  return app;
};

const post = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  makeApp().request("/upload", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("bodyLimit", () => {
  it("refuses a chunked body of 1 MiB + 1 with no Content-Length", async () => {
    const res = await post(chunkedBody(MIB + 1));
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ code: "request.too_large", status: 413 });
  });

  it("passes a chunked body of exactly 1 MiB to the handler intact", async () => {
    const res = await post(chunkedBody(MIB));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: MIB });
  });

  it("refuses a declared Content-Length over the limit without reading the body", async () => {
    const res = await post("small", { "Content-Length": String(MIB + 1) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: "request.too_large" });
  });

  it("lets bodiless requests through", async () => {
    const app = makeApp();
    app.get("/ping", (c) => c.text("pong"));
    expect(await (await app.request("/ping")).text()).toBe("pong");
  });
});

import type { Logger } from "pino";
import { describe, expect, it } from "vitest";
import { requestLogger } from "./logger.js";
import { captureLogs } from "./test-support/log-capture.js";

describe("createLogger", () => {
  it("redacts authorization headers, passwords, tokens and secrets", () => {
    const { logger, lines } = captureLogs();
    logger.info(
      {
        headers: { authorization: "Bearer abc.def.ghi", accept: "application/json" },
        body: { email: "a@example.com", password: "hunter2", refreshToken: "r-123" },
        stripe: { secretKey: "sk_live_x", webhookSecret: "whsec_y" },
        token: "t-1",
      },
      "request",
    );
    const text = JSON.stringify(lines);
    for (const secret of ["abc.def.ghi", "hunter2", "r-123", "sk_live_x", "whsec_y", "t-1"]) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      msg: "request",
      headers: { authorization: "[redacted]", accept: "application/json" },
      body: { email: "a@example.com", password: "[redacted]" },
    });
  });

  it("takes its level from the configuration", () => {
    const { logger, lines } = captureLogs("warn");
    logger.info("hidden");
    logger.warn("shown");
    expect(lines.map((l) => l.msg)).toEqual(["shown"]);
  });
});

describe("requestLogger", () => {
  it("logs what logger.child({ request_id, trace_id }) logs, redaction and grandchildren included", () => {
    const { logger, lines } = captureLogs();
    const write = (child: Logger) => {
      child.info({ body: { password: "hunter2", sku: "TEE" } }, "inside");
      child.child({ job: "reindex" }).warn("nested");
    };
    write(logger.child({ request_id: 'r-1"quoted"', trace_id: "0af7651916cd43dd8448eb211c80319c" }));
    write(requestLogger(logger, 'r-1"quoted"', "0af7651916cd43dd8448eb211c80319c"));
    const withoutTime = lines.map(({ time: _time, ...line }) => line);
    expect(withoutTime).toHaveLength(4);
    expect(withoutTime.slice(2)).toEqual(withoutTime.slice(0, 2));
    expect(withoutTime[2]).toMatchObject({ request_id: 'r-1"quoted"', body: { password: "[redacted]", sku: "TEE" } });
    expect(withoutTime[3]).toMatchObject({ request_id: 'r-1"quoted"', job: "reindex", msg: "nested" });
  });
});

import { describe, expect, it } from "vitest";
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

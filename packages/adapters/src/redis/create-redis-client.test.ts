import { describe, expect, it } from "vitest";
import type { Logger } from "../container/logger.js";
import { closeRedisClient, createRedisClient, reconnectDelay } from "./create-redis-client.js";
import { closedPort } from "./test-support/test-redis.js";

function recordingLogger() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const record = (level: string) => (fields: Record<string, unknown>, message: string) => lines.push({ level, fields, message });
  const logger: Logger = { debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") };
  return { logger, lines };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("reconnectDelay", () => {
  it("doubles from about 100 ms and never waits much more than 2 s", () => {
    const delays = Array.from({ length: 30 }, (_, i) => reconnectDelay(i + 1));
    expect(delays[0]).toBeGreaterThanOrEqual(100);
    expect(delays[0]).toBeLessThan(200);
    expect(delays[2]).toBeGreaterThanOrEqual(400);
    expect(Math.max(...delays)).toBeLessThan(2_100);
    expect(delays.slice(10).every((d) => d >= 2_000)).toBe(true);
  });
});

describe("createRedisClient against a port nothing listens on", () => {
  it("rejects connect, fails commands at once, keeps retrying and logs the failure once", async () => {
    const { logger, lines } = recordingLogger();
    const client = createRedisClient(`redis://127.0.0.1:${await closedPort()}`, { logger });
    try {
      await expect(client.connect()).rejects.toThrow();
      await expect(client.get("k")).rejects.toThrow(/enableOfflineQueue/);
      await sleep(800);
      expect(client.status).toBe("reconnecting");
      const warnings = lines.filter((line) => line.level === "warn");
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.message).toMatch(/redis is unreachable/);
    } finally {
      await closeRedisClient(client);
    }
  });

  it("closes a client that never connected without connecting it", async () => {
    const client = createRedisClient(`redis://127.0.0.1:${await closedPort()}`);
    await closeRedisClient(client);
    expect(client.status).toBe("end");
    await expect(closeRedisClient(client)).resolves.toBeUndefined();
  });
});

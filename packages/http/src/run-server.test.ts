import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, createContainer, loadConfig, Tokens } from "@emporium/adapters";
import { afterAll, describe, expect, it } from "vitest";
import { CREATE_ADMIN_HINT, runServer } from "./run-server.js";

const dir = mkdtempSync(join(tmpdir(), "emporium-run-"));
const env = { DATABASE_URL: `sqlite:${join(dir, "shop.db")}`, PORT: "0", LOG_LEVEL: "silent" };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const start = async () => {
  const lines: string[] = [];
  const server = await runServer({ env, demoProducts: 4, handleSignals: false, print: (line) => lines.push(line) });
  return { server, lines };
};

describe("runServer", () => {
  it("seeds an empty database, serves over HTTP and prints where to go", async () => {
    const { server, lines } = await start();
    try {
      const res = await fetch(`${server.url}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "ok" });
      expect(lines[0]).toMatch(/^Seeded the demo catalogue: 4 products/);
      expect(lines).toContain(`  API reference: ${server.url}/docs`);
      expect(lines.join("\n")).toContain(CREATE_ADMIN_HINT);
    } finally {
      await server.close();
    }
  });

  it("keeps the data on the next start and does not seed again", async () => {
    const { server, lines } = await start();
    await server.close();
    expect(lines.some((line) => line.startsWith("Seeded"))).toBe(false);

    const container = await createContainer(loadConfig(env));
    try {
      const page = await container.get(Tokens.Repositories).products.list({ limit: 100 });
      expect(page.items).toHaveLength(4);
      // The shutdown delivered the outbox: nothing is left for the next start.
      expect(await container.get(Tokens.OutboxProcessor).round()).toBe(0);
    } finally {
      await container.close();
    }
  });

  it("rejects a bad configuration with one line naming the variable", async () => {
    const failure = runServer({ env: { ...env, PORT: "http" }, handleSignals: false, print: () => {} });
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(/^PORT must be an integer from 0 to 65535, got "http"$/);
  });
});

import { spawn } from "node:child_process";
import { request } from "node:http";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { startServer } from "./server.js";

/** A GET on a fresh connection (no keep-alive pool), resolving to the status or the connection error's code. */
const probe = (url: string) =>
  new Promise<number | string>((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    req.end();
  });

describe("startServer", () => {
  it("serves the app on a real port", async () => {
    const app = new Hono();
    app.get("/hello", (c) => c.json({ hello: "world" }));
    const server = await startServer(app, { port: 0, host: "127.0.0.1", handleSignals: false });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${server.url}/hello`);
      expect(await res.json()).toEqual({ hello: "world" });
    } finally {
      await server.close();
    }
  });

  it("on close stops accepting, finishes in-flight requests, then runs onShutdown once", async () => {
    const events: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const running = new Promise<void>((resolve) => (entered = resolve));
    const app = new Hono();
    app.get("/slow", async (c) => {
      entered();
      await released;
      return c.text("finished");
    });
    const server = await startServer(app, {
      port: 0,
      host: "127.0.0.1",
      handleSignals: false,
      onShutdown: async () => {
        events.push("shutdown");
      },
    });

    const inFlight = fetch(`${server.url}/slow`).then(async (res) => `${res.status} ${await res.text()}`);
    await running;
    const closed = server.close().then(() => events.push("closed"));
    expect(await probe(`${server.url}/slow`)).toBe("ECONNREFUSED");
    expect(events).toEqual([]);

    events.push("released");
    release();
    expect(await inFlight).toBe("200 finished");
    await closed;
    await server.close();
    expect(events).toEqual(["released", "shutdown", "closed"]);
  });

  it("reports a port already in use", async () => {
    const app = new Hono();
    const first = await startServer(app, { port: 0, host: "127.0.0.1", handleSignals: false });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startServer(app, { port, host: "127.0.0.1", handleSignals: false })).rejects.toMatchObject({ code: "EADDRINUSE" });
    } finally {
      await first.close();
    }
  });

  it("shuts down gracefully on SIGTERM: the in-flight request completes, onShutdown runs, the process exits 0", async () => {
    const script = fileURLToPath(new URL("./test-support/graceful-server.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    const waitFor = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (stdout.includes(text)) resolve();
        };
        child.stdout.on("data", (chunk: Buffer) => {
          stdout += chunk.toString("utf8");
          check();
        });
        child.once("exit", () => reject(new Error(`exited before printing "${text}": ${stdout}`)));
        check();
      });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

    await waitFor("listening ");
    const url = /listening (\S+)/.exec(stdout)![1]!;
    const response = fetch(`${url}/slow`).then(async (res) => `${res.status} ${await res.text()}`);
    await waitFor("in-flight");
    child.kill("SIGTERM");

    expect(await response).toBe("200 finished");
    expect(await exited).toBe(0);
    expect(stdout).toContain("drained");
  });
});

// Run as a child process by server.test.ts: serves /slow, which answers only after SIGTERM arrived,
// so the test can watch an in-flight request finish during a graceful shutdown.
import { Hono } from "hono";
import { startServer } from "../server.js";

let release: () => void = () => {};
const released = new Promise<void>((resolve) => (release = resolve));

const app = new Hono();
app.get("/slow", async (c) => {
  process.stdout.write("in-flight\n");
  await released;
  return c.text("finished");
});

process.on("SIGTERM", () => release());

const server = await startServer(app, {
  port: 0,
  host: "127.0.0.1",
  onShutdown: async () => {
    process.stdout.write("drained\n");
  },
});
process.stdout.write(`listening ${server.url}\n`);

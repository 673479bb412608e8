// The bare Hono baseline: one route answering a fixed JSON body through @hono/node-server,
// nothing else (no middleware, no database). Run as a child: PORT and BODY_BYTES from the environment.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { jsonOfSize } from "./json-of-size.js";

const port = Number(process.env.PORT);
const body = jsonOfSize(Number(process.env.BODY_BYTES));
const app = new Hono();
app.get("/", (c) => c.json(body));
serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
process.on("SIGTERM", () => process.exit(0));

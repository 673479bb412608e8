import { notFound } from "@emporium/domain";
import { createRoute, z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { createApi } from "./app-factory.js";
import { cacheableJson } from "./middleware/etag.js";
import { problem, respondError } from "./problem.js";
import { Money, PageQuery, pageOf, problemResponses, strictBody } from "./schemas/common.js";
import { captureLogs } from "./test-support/log-capture.js";

const CreateThing = strictBody({
  name: z.string().min(1),
  price: Money,
  address: strictBody({ city: z.string() }).optional(),
});

const createThing = createRoute({
  method: "post",
  path: "/things",
  request: { body: { required: true, content: { "application/json": { schema: CreateThing } } } },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: CreateThing } } },
    ...problemResponses(422),
  },
});

const listThings = createRoute({
  method: "get",
  path: "/things",
  request: { query: PageQuery },
  responses: {
    200: { description: "A page", content: { "application/json": { schema: pageOf(z.object({ n: z.number() }), "ThingPage") } } },
  },
});

const makeApp = () => {
  const logs = captureLogs();
  const app = createApi({ logger: logs.logger });
  app.openapi(createThing, (c) => c.json(c.req.valid("json"), 201));
  app.openapi(listThings, (c) => {
    const { limit, cursor } = c.req.valid("query");
    return c.json({ items: [{ n: limit }], nextCursor: cursor ?? null }, 200);
  });
  app.get("/boom", () => {
    throw new Error("database password is hunter2");
  });
  return { app, logs };
};

const post = (app: ReturnType<typeof makeApp>["app"], body: string) =>
  app.request("/things", { method: "POST", body, headers: { "Content-Type": "application/json" } });

describe("createApi", () => {
  it("passes a valid body through", async () => {
    const { app } = makeApp();
    const res = await post(app, JSON.stringify({ name: "tee", price: { amount: 1999, currency: "USD" } }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ name: "tee", price: { amount: 1999, currency: "USD" } });
  });

  it("answers a schema violation with 422 request.invalid listing each field", async () => {
    const { app } = makeApp();
    const res = await post(app, JSON.stringify({ name: "", price: { amount: 19.99, currency: "USD" }, address: {} }));
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = (await res.json()) as { code: string; errors: { path: string; message: string }[] };
    expect(body.code).toBe("request.invalid");
    expect(body.errors.map((e) => e.path).sort()).toEqual(["address.city", "name", "price.amount"]);
    expect(body.errors.every((e) => e.message.length > 0)).toBe(true);
  });

  it("rejects unknown fields, at any depth, one entry per field", async () => {
    const { app } = makeApp();
    const res = await post(
      app,
      JSON.stringify({ name: "tee", price: { amount: 1, currency: "USD" }, role: "admin", address: { city: "X", zip: "1" } }),
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path).sort()).toEqual(["address.zip", "role"]);
  });

  it("answers a body that is not JSON with 400 request.malformed", async () => {
    const { app } = makeApp();
    const res = await post(app, "{ not json");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ code: "request.malformed", status: 400 });
  });

  it("answers a body of another media type with 415", async () => {
    const { app } = makeApp();
    const res = await app.request("/things", { method: "POST", body: "name=tee", headers: { "Content-Type": "text/plain" } });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ code: "request.unsupported_media_type" });
  });

  it("answers an unknown route with a 404 problem", async () => {
    const { app } = makeApp();
    const res = await app.request("/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "route.not_found", type: "https://emporium.dev/problems/route.not_found" });
  });

  it("answers an unhandled error with a 500 problem that carries no stack or message, and logs it", async () => {
    const { app, logs } = makeApp();
    const res = await app.request("/boom");
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ code: "internal.error", status: 500 });
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("at ");
    expect(logs.lines).toHaveLength(1);
    expect(logs.lines[0]).toMatchObject({ level: 50, msg: "unhandled error", path: "/boom" });
  });

  it("uses the same error contract in a mounted route group", async () => {
    const { app } = makeApp();
    const group = createApi();
    group.openapi(createThing, (c) => c.json(c.req.valid("json"), 201));
    app.route("/v1", group);
    const res = await app.request("/v1/things", { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: "request.invalid" });
  });
});

describe("PageQuery", () => {
  it("defaults limit to 20", async () => {
    const { app } = makeApp();
    const res = await app.request("/things");
    expect(await res.json()).toEqual({ items: [{ n: 20 }], nextCursor: null });
  });

  it("accepts a limit up to 100 and a cursor", async () => {
    const { app } = makeApp();
    const res = await app.request("/things?limit=100&cursor=eyJpZCI6MX0");
    expect(await res.json()).toEqual({ items: [{ n: 100 }], nextCursor: "eyJpZCI6MX0" });
  });

  it.each(["0", "101", "ten", "2.5"])("rejects limit=%s with 422", async (limit) => {
    const { app } = makeApp();
    const res = await app.request(`/things?limit=${limit}`);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path)).toEqual(["query.limit"]);
  });

  it("rejects a cursor it could not have issued with 400 request.malformed", async () => {
    const { app } = makeApp();
    const res = await app.request(`/things?cursor=${encodeURIComponent("'; drop table --")}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "request.malformed" });
  });
});

describe("handlers of OpenAPI routes", () => {
  // Also a compile-time check: these helpers must satisfy a route's typed responses.
  const Product = z.object({ slug: z.string(), price: Money });
  const getProduct = createRoute({
    method: "get",
    path: "/products/{slug}",
    request: { params: z.object({ slug: z.string() }) },
    responses: { 200: { description: "A product", content: { "application/json": { schema: Product } } }, ...problemResponses(404) },
  });
  const app = createApi({ logger: captureLogs().logger });
  app.openapi(getProduct, (c) => {
    const { slug } = c.req.valid("param");
    if (slug === "gone") return respondError(c, notFound("product", slug));
    if (slug === "search") return problem(c, 503, "search.unavailable", "Service Unavailable", "search is down");
    return cacheableJson(c, { slug, price: { amount: 1999, currency: "USD" } }, 120);
  });

  it.each([
    ["gone", 404, "product.not_found"],
    ["search", 503, "search.unavailable"],
  ])("answers /products/%s with %i %s", async (slug, status, code) => {
    const res = await app.request(`/products/${slug}`);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ code });
  });

  it("answers a catalogue read with an ETag", async () => {
    const res = await app.request("/products/tee");
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toMatch(/^W\//);
  });
});

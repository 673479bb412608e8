import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { cacheableJson, etagMatches, jsonBodyResponse, toJsonBody } from "./etag.js";

const makeApp = (body: unknown = { slug: "classic-tee", price: { amount: 1999, currency: "USD" } }) => {
  const app = new Hono();
  app.get("/products/classic-tee", (c) => cacheableJson(c, body, 120));
  return app;
};

describe("cacheableJson", () => {
  it("answers JSON with a weak ETag and public Cache-Control", async () => {
    const res = await makeApp().request("/products/classic-tee");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("cache-control")).toBe("public, max-age=120");
    expect(res.headers.get("etag")).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(await res.json()).toEqual({ slug: "classic-tee", price: { amount: 1999, currency: "USD" } });
  });

  it("answers 304 without a body when If-None-Match names the current ETag", async () => {
    const app = makeApp();
    const etag = (await app.request("/products/classic-tee")).headers.get("etag")!;
    const res = await app.request("/products/classic-tee", { headers: { "If-None-Match": `"other", ${etag}` } });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe("");
    expect(res.headers.get("etag")).toBe(etag);
    expect(res.headers.get("cache-control")).toBe("public, max-age=120");
  });

  it("answers 200 again once the resource changed", async () => {
    const etag = (await makeApp().request("/products/classic-tee")).headers.get("etag")!;
    const changed = makeApp({ slug: "classic-tee", price: { amount: 2499, currency: "USD" } });
    const res = await changed.request("/products/classic-tee", { headers: { "If-None-Match": etag } });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).not.toBe(etag);
  });
});

describe("jsonBodyResponse", () => {
  it("answers a body serialized beforehand exactly as cacheableJson answers the object, 304 included", async () => {
    const body = { slug: "classic-tee", price: { amount: 1999, currency: "USD" } };
    const app = new Hono();
    app.get("/object", (c) => cacheableJson(c, body, 120));
    app.get("/serialized", (c) => jsonBodyResponse(c, toJsonBody(body), 120));
    const [object, serialized] = [await app.request("/object"), await app.request("/serialized")];
    expect(serialized.headers.get("etag")).toBe(object.headers.get("etag"));
    expect(serialized.headers.get("content-type")).toBe("application/json");
    expect(await serialized.text()).toBe(await object.text());
    const revalidated = await app.request("/serialized", { headers: { "If-None-Match": object.headers.get("etag")! } });
    expect(revalidated.status).toBe(304);
  });
});

describe("etagMatches", () => {
  it.each([
    ['W/"abc"', 'W/"abc"', true],
    ['"abc"', 'W/"abc"', true],
    ["*", 'W/"abc"', true],
    ['"x", W/"abc"', 'W/"abc"', true],
    ['"abcd"', 'W/"abc"', false],
    [undefined, 'W/"abc"', false],
  ])("%s against %s is %s", (header, etag, expected) => {
    expect(etagMatches(header, etag)).toBe(expected);
  });
});

import { createDatabase, PostgresSearchIndex, Tokens, type EmporiumContainer } from "@emporium/adapters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The adapters' PostgreSQL test helpers: one fresh schema per run, skip-or-fail by CI=true.
import { createTestSchema, postgresUnavailable, type TestSchema } from "../../../adapters/src/sql/test-support/postgres.js";
import { createApp } from "../app.js";
import { createLogger } from "../logger.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";

const pgSkip = await postgresUnavailable();
if (pgSkip !== null) console.warn(`skipping search on a closed PostgreSQL pool: ${pgSkip}`);

describe.skipIf(pgSkip !== null)("when the PostgreSQL search index loses its pool", () => {
  let t: TestApp;
  let schema: TestSchema;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    t = await createTestApp();
    schema = await createTestSchema("search_down");
    const database = await createDatabase({ url: schema.url, schema: schema.schema, poolSize: 1 });
    const search = new PostgresSearchIndex(database.db);
    await search.ensureSchema();
    await database.close();
    const container: EmporiumContainer = {
      ...t.container,
      get: (token) => (token === Tokens.SearchIndex ? search : t.container.get(token)) as never,
    };
    app = createApp({ container, logger: createLogger({ level: "silent" }) });
  });
  afterAll(async () => {
    await t?.close();
    await schema?.drop();
  });

  it("answers search and suggest with 503 search.unavailable, without the driver's message", async () => {
    const res = await app.request("/v1/search?q=tee");
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe("30");
    const body = await res.json();
    expect(body).toMatchObject({ status: 503, code: "search.unavailable" });
    expect(JSON.stringify(body)).not.toMatch(/pool/i);
    const suggest = await app.request("/v1/search/suggest?q=tee");
    expect(suggest.status).toBe(503);
  });

  it("keeps browsing the catalogue working", async () => {
    const res = await app.request("/v1/products?limit=5");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: unknown[] };
    expect(body.items.length).toBeGreaterThan(0);
  });
});

import { Client, errors } from "@elastic/elasticsearch";
import type { SearchDocument } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { ElasticsearchSearchIndex } from "./elasticsearch-search-index.js";
import { buildSearchRequest } from "./search-query.js";
import { buildSuggestRequest } from "./suggest-query.js";
import { aliasCluster } from "./test-support/alias-cluster.js";
import { statusError, type RecordedRequest } from "./test-support/mock-cluster.js";
import { closedPort } from "./test-support/closed-port.js";

function product(id: string, skus: string[], name = `Product ${id}`): SearchDocument {
  return {
    productId: id,
    slug: id,
    name,
    description: "",
    brand: "Acme",
    categoryIds: [],
    categoryNames: [],
    categoryPaths: [],
    attributes: {},
    variants: skus.map((sku) => ({ sku, options: {}, price: 1000, inStock: true })),
    minPrice: 1000,
    maxPrice: 1000,
    inStock: true,
    featured: false,
    rating: 0,
    salesCount: 0,
    createdAt: new Date(0),
  };
}

const fast = { retry: { baseDelayMs: 1, maxDelayMs: 1 } };
const bulkRequests = (requests: readonly RecordedRequest[]) => requests.filter((request) => request.path === "/_bulk");
const bulkActions = (request: RecordedRequest) =>
  (request.body as Record<string, unknown>[]).filter((line) =>
    ["index", "create", "delete"].some((op) => op in line && Object.keys(line).length === 1 && !("product_id" in line)),
  );

async function* batches(...lists: SearchDocument[][]) {
  for (const list of lists) yield list;
}

describe("ElasticsearchSearchIndex.ensureIndex", () => {
  it("puts the template and creates products_v1 behind the alias when the alias is missing", async () => {
    const cluster = aliasCluster();
    const index = new ElasticsearchSearchIndex({ client: cluster.client });
    await index.ensureIndex();
    expect(cluster.calls()).toEqual(["PUT /_index_template/products", "HEAD /_alias/products", "PUT /products_v1"]);
    const template = cluster.requests[0]?.body as Record<string, unknown>;
    expect(template).toMatchObject({ index_patterns: ["products_v*"], allow_auto_create: false, priority: 200 });
    expect(template["template"]).toMatchObject({ settings: { analysis: { filter: { emporium_synonyms: { type: "synonym_graph" } } } } });
    expect(cluster.requests[2]?.body).toEqual({ aliases: { products: {} } });
    expect(cluster.aliases()).toEqual({ products_v1: ["products"] });
  });

  it("creates nothing when the alias exists, and asks only once", async () => {
    const cluster = aliasCluster({ products_v4: ["products"] });
    const index = new ElasticsearchSearchIndex({ client: cluster.client });
    await index.ensureIndex();
    await index.ensureIndex();
    expect(cluster.calls()).toEqual(["PUT /_index_template/products", "HEAD /_alias/products"]);
  });

  it("uses the configured alias and prefix", async () => {
    const cluster = aliasCluster();
    await new ElasticsearchSearchIndex({ client: cluster.client, alias: "shop", indexPrefix: "shop_items_" }).ensureIndex();
    expect(cluster.aliases()).toEqual({ shop_items_1: ["shop"] });
    expect(cluster.requests[0]?.body).toMatchObject({ index_patterns: ["shop_items_*"] });
  });

  it("accepts that another process created the index a moment earlier", async () => {
    const cluster = aliasCluster();
    let checks = 0;
    cluster.on("HEAD", "/_alias/:name", () => {
      checks += 1;
      return checks === 1 ? statusError(404, "aliases_not_found_exception") : {};
    });
    cluster.on("PUT", "/:index", () => statusError(400, "resource_already_exists_exception"));
    await expect(new ElasticsearchSearchIndex({ client: cluster.client }).ensureIndex()).resolves.toBeUndefined();
    expect(cluster.calls()).toEqual([
      "PUT /_index_template/products",
      "HEAD /_alias/products",
      "PUT /products_v1",
      "HEAD /_alias/products",
    ]);
  });

  it("says which index and alias it could not create when the alias is still missing", async () => {
    const cluster = aliasCluster();
    cluster.on("PUT", "/:index", () => statusError(400, "resource_already_exists_exception"));
    await expect(new ElasticsearchSearchIndex({ client: cluster.client }).ensureIndex()).rejects.toThrow(
      /cannot create the search index products_v1 behind the alias products: resource_already_exists_exception/,
    );
  });

  it("tries again on the next call after a failure", async () => {
    const cluster = aliasCluster();
    let templates = 0;
    cluster.on("PUT", "/_index_template/:name", () => {
      templates += 1;
      return templates === 1 ? statusError(500, "internal_server_error") : { acknowledged: true };
    });
    const index = new ElasticsearchSearchIndex({ client: cluster.client });
    await expect(index.ensureIndex()).rejects.toBeInstanceOf(errors.ResponseError);
    await index.ensureIndex();
    expect(cluster.aliases()).toEqual({ products_v1: ["products"] });
  });
});

describe("ElasticsearchSearchIndex writes", () => {
  it("writes one document per variant through the alias, waiting until searches see them", async () => {
    const cluster = aliasCluster({ products_v1: ["products"] });
    await new ElasticsearchSearchIndex({ client: cluster.client }).index([product("p1", ["A", "B"]), product("p2", ["C"])]);
    const [bulk] = bulkRequests(cluster.requests);
    expect(bulk?.querystring).toEqual({ require_alias: "true", refresh: "wait_for" });
    expect(bulkActions(bulk!)).toEqual([
      { index: { _index: "products", _id: "p1:A" } },
      { index: { _index: "products", _id: "p1:B" } },
      { index: { _index: "products", _id: "p2:C" } },
    ]);
    expect(cluster.documentIds("products_v1")).toEqual(["p1:A", "p1:B", "p2:C"]);
  });

  it("deletes the documents of variants a product no longer has", async () => {
    const cluster = aliasCluster({ products_v1: ["products"] });
    const index = new ElasticsearchSearchIndex({ client: cluster.client });
    await index.index([product("p1", ["A", "B", "C"]), product("p2", ["D"])]);
    await index.index([product("p1", ["B", "E"])]);
    expect(cluster.documentIds("products_v1")).toEqual(["p1:B", "p1:E", "p2:D"]);
    const lookup = cluster.requests.filter((request) => request.path.endsWith("/_search")).at(-1);
    expect(lookup?.body).toMatchObject({ query: { terms: { product_id: ["p1"] } }, _source: false, sort: [{ doc_id: "asc" }] });
  });

  it("splits large writes into bulk requests of batchSize operations", async () => {
    const cluster = aliasCluster({ products_v1: ["products"] });
    await new ElasticsearchSearchIndex({ client: cluster.client, batchSize: 2 }).index([product("p1", ["A", "B", "C"])]);
    expect(bulkRequests(cluster.requests).map((request) => bulkActions(request).length)).toEqual([2, 1]);
    expect(cluster.documentIds("products_v1")).toEqual(["p1:A", "p1:B", "p1:C"]);
  });

  it("keeps the last document of a product listed twice", async () => {
    const cluster = aliasCluster({ products_v1: ["products"] });
    await new ElasticsearchSearchIndex({ client: cluster.client }).index([product("p1", ["A"]), product("p1", ["B"])]);
    expect(cluster.documentIds("products_v1")).toEqual(["p1:B"]);
  });

  it("retries a bulk write the cluster turned away with 429, then succeeds", async () => {
    const cluster = aliasCluster({ products_v1: ["products"] });
    let bulks = 0;
    cluster.answerBulk(() => {
      bulks += 1;
      return bulks === 1
        ? statusError(429, "es_rejected_execution_exception")
        : { errors: false, took: 1, items: [{ index: { _index: "products_v1", _id: "p1:A", status: 201 } }] };
    });
    await new ElasticsearchSearchIndex({ client: cluster.client, ...fast }).index([product("p1", ["A"])]);
    expect(bulkRequests(cluster.requests)).toHaveLength(2);
  });

  it("removes every document of the products, and sends nothing when there are none", async () => {
    const cluster = aliasCluster({ products_v1: ["products"] });
    const index = new ElasticsearchSearchIndex({ client: cluster.client });
    await index.index([product("p1", ["A", "B"]), product("p2", ["C"])]);
    await index.remove(["p1", "p1"]);
    expect(cluster.documentIds("products_v1")).toEqual(["p2:C"]);
    const before = bulkRequests(cluster.requests).length;
    await index.remove(["p9"]);
    await index.remove([]);
    expect(bulkRequests(cluster.requests)).toHaveLength(before);
  });

  it("writes to the version being built too while a rebuild runs", async () => {
    const cluster = aliasCluster({ products_v1: ["products"], products_v2: ["products_next"] });
    await new ElasticsearchSearchIndex({ client: cluster.client }).index([product("p1", ["A"])]);
    expect(bulkActions(bulkRequests(cluster.requests)[0]!)).toEqual([
      { index: { _index: "products", _id: "p1:A" } },
      { index: { _index: "products_next", _id: "p1:A" } },
    ]);
    expect(cluster.documentIds("products_v2")).toEqual(["p1:A"]);
  });
  it("accepts that a rebuild swapped the alias between choosing the targets and writing", async () => {
    const cluster = aliasCluster({ products_v1: ["products"], products_v2: ["products_next"] });
    const notFound = (index: string) => ({
      index: { _index: index, _id: "p1:A", status: 404, error: { type: "index_not_found_exception", reason: "no such index" } },
    });
    cluster.answerBulk(() => ({
      errors: true,
      took: 1,
      items: [{ index: { _index: "products", _id: "p1:A", status: 200 } }, notFound("products_next")],
    }));
    const index = new ElasticsearchSearchIndex({ client: cluster.client });
    await expect(index.index([product("p1", ["A"])])).resolves.toBeUndefined();
    cluster.answerBulk(() => ({ errors: true, took: 1, items: [notFound("products"), notFound("products_next")] }));
    await expect(index.index([product("p1", ["A"])])).rejects.toThrow("products/p1:A 404 index_not_found_exception");
  });
});

describe("ElasticsearchSearchIndex reads", () => {
  it("searches the alias with the built request and maps the answer", async () => {
    const cluster = aliasCluster({ products_v1: ["products"] });
    cluster.answerSearches(() => ({
      hits: { hits: [{ _index: "products_v1", _id: "p2:C", _score: 4.2, _source: { product_id: "p2" } }] },
      aggregations: {
        total_products: { value: 1 },
        brand: { buckets: [{ key: "Acme", doc_count: 3, products: { value: 1 } }] },
        price: { buckets: [{ key: "0", doc_count: 3, products: { value: 1 } }] },
      },
    }));
    const query = { q: "lamp", brand: "acme", page: 1, limit: 10 };
    const result = await new ElasticsearchSearchIndex({ client: cluster.client }).search(query);
    expect(result.hits).toEqual([{ productId: "p2", score: 4.2 }]);
    expect(result.total).toBe(1);
    expect(result.facets.brand).toEqual([{ value: "Acme", count: 1 }]);
    expect(result.facets.price[0]).toEqual({ from: 0, to: 2500, count: 1 });
    const search = cluster.requests.at(-1);
    expect(search?.path).toBe("/products/_search");
    expect(search?.body).toEqual(JSON.parse(JSON.stringify(buildSearchRequest(query))));
  });

  it("suggests from the exact request, falling back to typo tolerance only when it finds nothing", async () => {
    const cluster = aliasCluster({ products_v1: ["products"] });
    cluster.answerSearches((request) => {
      const fuzzy = JSON.stringify(request.body).includes("fuzziness");
      const typed = (request.body as { query: { bool: { must: [{ match: { "name.autocomplete": { query: string } } }] } } }).query.bool
        .must[0].match["name.autocomplete"].query;
      if (typed === "spe") return { hits: { hits: [{ _index: "products_v1", _source: { name: "Speaker Stand" } }] } };
      return { hits: { hits: fuzzy ? [{ _index: "products_v1", _source: { name: "Studio Headphones" } }] : [] } };
    });
    const index = new ElasticsearchSearchIndex({ client: cluster.client });
    expect(await index.suggest("spe", 5)).toEqual(["Speaker Stand"]);
    expect(await index.suggest("hed", 5)).toEqual(["Studio Headphones"]);
    expect(await index.suggest("he", 5)).toEqual([]);
    expect(await index.suggest("  ", 5)).toEqual([]);
    const searches = cluster.requests.filter((request) => request.path === "/products/_search").map((request) => request.body);
    expect(searches).toEqual(
      [
        buildSuggestRequest("spe", 5),
        buildSuggestRequest("hed", 5),
        buildSuggestRequest("hed", 5, { fuzzy: true }),
        buildSuggestRequest("he", 5),
      ].map((request) => JSON.parse(JSON.stringify(request))),
    );
  });
});

describe("ElasticsearchSearchIndex.reindex", () => {
  it("builds products_v2 while searches read v1, swaps the alias in one call, then deletes v1", async () => {
    const cluster = aliasCluster({ products_v1: ["products"] });
    const index = new ElasticsearchSearchIndex({ client: cluster.client });
    await index.index([product("old", ["X"])]);
    const seenDuringBuild: unknown[] = [];
    async function* source() {
      yield [product("p1", ["A", "B"])];
      seenDuringBuild.push(cluster.aliases());
      yield [product("p2", ["C"]), product("p3", [])];
    }

    expect(await index.reindex(source())).toEqual({ indexed: 3 });

    expect(seenDuringBuild).toEqual([{ products_v1: ["products"], products_v2: ["products_next"] }]);
    const create = cluster.requests.find((request) => request.method === "PUT" && request.path === "/products_v2");
    expect(create?.body).toEqual({ aliases: { products_next: {} } });
    const loads = bulkRequests(cluster.requests).slice(1);
    expect(loads.map((request) => request.querystring)).toEqual([
      { require_alias: "true", refresh: "false" },
      { require_alias: "true", refresh: "false" },
    ]);
    expect(loads.flatMap(bulkActions)).toEqual([
      { create: { _index: "products_next", _id: "p1:A" } },
      { create: { _index: "products_next", _id: "p1:B" } },
      { create: { _index: "products_next", _id: "p2:C" } },
      { create: { _index: "products_next", _id: "p3:" } },
    ]);
    const swaps = cluster.requests.filter((request) => request.path === "/_aliases");
    expect(swaps).toHaveLength(1);
    expect(swaps[0]?.body).toEqual({
      actions: [
        { remove: { index: "products_v1", alias: "products" } },
        { add: { index: "products_v2", alias: "products" } },
        { remove: { index: "products_v2", alias: "products_next" } },
      ],
    });
    const tail = cluster.calls().slice(cluster.calls().indexOf("GET /products_v2/_refresh"));
    expect(tail).toEqual(["GET /products_v2/_refresh", "POST /_aliases", "DELETE /products_v1"]);
    expect(cluster.aliases()).toEqual({ products_v2: ["products"] });
    expect(cluster.documentIds("products_v2")).toEqual(["p1:A", "p1:B", "p2:C", "p3:"]);
  });

  it("keeps what a write put in the new version meanwhile over the source's older copy", async () => {
    const cluster = aliasCluster({ products_v1: ["products"] });
    const index = new ElasticsearchSearchIndex({ client: cluster.client });
    cluster.answerBulk((request) => {
      const lines = request.body as Record<string, { _index: string; _id: string }>[];
      const items = lines
        .filter((line) => "create" in line)
        .map((line) => ({
          create: { ...line["create"], status: 409, error: { type: "version_conflict_engine_exception", reason: "exists" } },
        }));
      return { errors: true, took: 1, items };
    });
    await expect(index.reindex(batches([product("p1", ["A"])]))).resolves.toEqual({ indexed: 1 });
  });

  it("deletes a version left behind by a rebuild that died, and builds the one after it", async () => {
    const cluster = aliasCluster({ products_v1: ["products"], products_v2: ["products_next"], unrelated: [] });
    await new ElasticsearchSearchIndex({ client: cluster.client }).reindex(batches([product("p1", ["A"])]));
    expect(cluster.calls()).toContain("DELETE /products_v2");
    expect(cluster.aliases()).toEqual({ products_v3: ["products"], unrelated: [] });
  });

  it("drops the new version and leaves the alias alone when the rebuild fails", async () => {
    const cluster = aliasCluster({ products_v1: ["products"] });
    const index = new ElasticsearchSearchIndex({ client: cluster.client });
    async function* failing(): AsyncGenerator<SearchDocument[]> {
      yield [product("p1", ["A"])];
      throw new Error("database went away");
    }
    await expect(index.reindex(failing())).rejects.toThrow("database went away");
    expect(cluster.aliases()).toEqual({ products_v1: ["products"] });
    expect(cluster.calls()).not.toContain("POST /_aliases");
    await expect(index.reindex(batches([product("p1", ["A"])]))).resolves.toEqual({ indexed: 1 });
  });

  it("refuses a second rebuild while one runs", async () => {
    const cluster = aliasCluster({ products_v1: ["products"] });
    const index = new ElasticsearchSearchIndex({ client: cluster.client });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slow() {
      await gate;
      yield [product("p1", ["A"])];
    }
    const first = index.reindex(slow());
    await expect(index.reindex(batches([]))).rejects.toThrow("already running");
    release();
    await expect(first).resolves.toEqual({ indexed: 1 });
  });
});

describe("ElasticsearchSearchIndex when the cluster is down", () => {
  it("lets the connection error through, for the HTTP layer's 503", async () => {
    const port = await closedPort();
    const client = new Client({ node: `http://127.0.0.1:${port}`, maxRetries: 0, requestTimeout: 2_000 });
    const index = new ElasticsearchSearchIndex({ client });
    await expect(index.search({ q: "lamp", page: 1, limit: 10 })).rejects.toBeInstanceOf(errors.ConnectionError);
    await expect(index.index([product("p1", ["A"])])).rejects.toBeInstanceOf(errors.ConnectionError);
    await client.close();
  });
});

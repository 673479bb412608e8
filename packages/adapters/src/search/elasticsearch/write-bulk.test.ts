import type { SearchDocument } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { deleteOperations, indexOperations, toVariantDocuments } from "./documents.js";
import { mockCluster, statusError, type RecordedRequest } from "./test-support/mock-cluster.js";
import { ElasticsearchBulkError, retryDelay, writeBulk } from "./write-bulk.js";

const document: SearchDocument = {
  productId: "p1",
  slug: "lamp",
  name: "Lamp",
  description: "",
  brand: null,
  categoryIds: [],
  categoryNames: [],
  categoryPaths: [],
  attributes: {},
  variants: [
    { sku: "L-1", options: {}, price: 100, inStock: true },
    { sku: "L-2", options: {}, price: 200, inStock: true },
  ],
  minPrice: 100,
  maxPrice: 200,
  inStock: true,
  featured: false,
  rating: 0,
  salesCount: 0,
  createdAt: new Date(0),
};
const operations = [...indexOperations("products", toVariantDocuments(document)), ...deleteOperations("products", ["p1:OLD"])];
const fast = { retry: { baseDelayMs: 1, maxDelayMs: 1 } };

/** The ids a bulk request carried, in order. */
const ids = (request: RecordedRequest) =>
  (request.body as Record<string, { _id?: string }>[]).flatMap((line) =>
    Object.values(line).flatMap((meta) => (meta?._id === undefined ? [] : [meta._id])),
  );

const item = (op: string, id: string, status: number, error?: string) => ({
  [op]: { _index: "products_v1", _id: id, status, ...(error === undefined ? {} : { error: { type: error, reason: "test" } }) },
});

describe("writeBulk", () => {
  it("sends every operation in one request against aliases only", async () => {
    const cluster = mockCluster();
    cluster.on("POST", "/_bulk", () => ({
      errors: false,
      took: 1,
      items: [item("index", "p1:L-1", 201), item("index", "p1:L-2", 201), item("delete", "p1:OLD", 404)],
    }));
    await writeBulk(cluster.client, operations, { refresh: "wait_for" });
    expect(cluster.requests).toHaveLength(1);
    expect(cluster.requests[0]?.querystring).toEqual({ require_alias: "true", refresh: "wait_for" });
    expect(ids(cluster.requests[0]!)).toEqual(["p1:L-1", "p1:L-2", "p1:OLD"]);
  });

  it("retries the whole request after a 429, then succeeds", async () => {
    const cluster = mockCluster();
    let calls = 0;
    cluster.on("POST", "/_bulk", () => {
      calls += 1;
      if (calls === 1) return statusError(429, "es_rejected_execution_exception");
      return { errors: false, took: 1, items: [item("index", "p1:L-1", 200), item("index", "p1:L-2", 200), item("delete", "p1:OLD", 200)] };
    });
    await writeBulk(cluster.client, operations, fast);
    expect(cluster.requests.map(ids)).toEqual([
      ["p1:L-1", "p1:L-2", "p1:OLD"],
      ["p1:L-1", "p1:L-2", "p1:OLD"],
    ]);
  });

  it("resends only the items the cluster rejected with 429", async () => {
    const cluster = mockCluster();
    let calls = 0;
    cluster.on("POST", "/_bulk", () => {
      calls += 1;
      if (calls === 1) {
        return {
          errors: true,
          took: 1,
          items: [
            item("index", "p1:L-1", 201),
            item("index", "p1:L-2", 429, "es_rejected_execution_exception"),
            item("delete", "p1:OLD", 200),
          ],
        };
      }
      return { errors: false, took: 1, items: [item("index", "p1:L-2", 201)] };
    });
    await writeBulk(cluster.client, operations, fast);
    expect(cluster.requests.map(ids)).toEqual([["p1:L-1", "p1:L-2", "p1:OLD"], ["p1:L-2"]]);
    expect((cluster.requests[1]?.body as unknown[])[1]).toMatchObject({ sku: "L-2", price: 200 });
  });

  it("gives up after the last retry with the 429 it kept getting", async () => {
    const cluster = mockCluster();
    cluster.on("POST", "/_bulk", () => statusError(429, "es_rejected_execution_exception"));
    await expect(writeBulk(cluster.client, operations, { retry: { retries: 2, baseDelayMs: 1 } })).rejects.toMatchObject({
      statusCode: 429,
    });
    expect(cluster.requests).toHaveLength(3);
  });

  it("throws at once on an item failure retrying cannot fix, naming it", async () => {
    const cluster = mockCluster();
    cluster.on("POST", "/_bulk", () => ({
      errors: true,
      took: 1,
      items: [item("index", "p1:L-1", 400, "mapper_parsing_exception"), item("index", "p1:L-2", 201), item("delete", "p1:OLD", 200)],
    }));
    const failure = await writeBulk(cluster.client, operations, fast).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ElasticsearchBulkError);
    expect((failure as Error).message).toContain("p1:L-1 400 mapper_parsing_exception");
    expect(cluster.requests).toHaveLength(1);
  });

  it("accepts the item failures the caller expects", async () => {
    const cluster = mockCluster();
    cluster.on("POST", "/_bulk", () => ({
      errors: true,
      took: 1,
      items: [
        item("create", "p1:L-1", 409, "version_conflict_engine_exception"),
        item("create", "p1:L-2", 201),
        item("delete", "p1:OLD", 404),
      ],
    }));
    await expect(writeBulk(cluster.client, operations, { tolerate: (failed) => failed.status === 409 })).resolves.toBeUndefined();
  });

  it("lets other HTTP errors through untouched", async () => {
    const cluster = mockCluster();
    cluster.on("POST", "/_bulk", () => statusError(400, "illegal_argument_exception"));
    await expect(writeBulk(cluster.client, operations, fast)).rejects.toMatchObject({ statusCode: 400 });
    expect(cluster.requests).toHaveLength(1);
  });
});

describe("retryDelay", () => {
  it("doubles from the base up to the cap, jittered within the upper half", () => {
    const low = () => 0;
    const high = () => 1;
    expect([0, 1, 2, 3].map((attempt) => retryDelay(attempt, { baseDelayMs: 100, maxDelayMs: 500 }, high))).toEqual([100, 200, 400, 500]);
    expect([0, 1, 2, 3].map((attempt) => retryDelay(attempt, { baseDelayMs: 100, maxDelayMs: 500 }, low))).toEqual([50, 100, 200, 250]);
  });
});

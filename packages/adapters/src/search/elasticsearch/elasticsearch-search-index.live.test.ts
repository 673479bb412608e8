import type { Client } from "@elastic/elasticsearch";
import type { SearchDocument, SearchQuery } from "@emporium/domain";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createElasticsearchClient } from "./create-elasticsearch-client.js";
import { ElasticsearchSearchIndex } from "./elasticsearch-search-index.js";
import { CATALOGUE, documentFor } from "./test-support/catalogue.js";

const url = process.env["ELASTICSEARCH_URL"];
const skip = url === undefined || url === "" ? "ELASTICSEARCH_URL not set: Elasticsearch cannot run on this machine" : null;
const query = (q: string, rest: Partial<SearchQuery> = {}): SearchQuery => ({ q, page: 1, limit: 50, ...rest });

/**
 * The adapter against a real cluster: the behaviour the other search adapters
 * promise, as far as Elasticsearch's own matching gives it. Each test works in
 * indices and an alias of its own and deletes them afterwards.
 */
describe.skipIf(skip !== null)(`ElasticsearchSearchIndex on a real cluster${skip === null ? "" : ` (skipped: ${skip})`}`, () => {
  let client: Client;
  let alias: string;
  let index: ElasticsearchSearchIndex;
  const ids = async (q: string, rest: Partial<SearchQuery> = {}) => (await index.search(query(q, rest))).hits.map((hit) => hit.productId);

  beforeEach(async () => {
    client = createElasticsearchClient(url as string);
    alias = `emporium_test_${process.pid}_${Date.now()}`;
    index = new ElasticsearchSearchIndex({ client, alias, indexPrefix: `${alias}_v` });
    await index.index(CATALOGUE.map(documentFor));
  });

  afterEach(async () => {
    // Wildcard deletes may be refused (action.destructive_requires_name), so name each index.
    const indices = Object.keys(await client.indices.getAlias({ index: `${alias}_v*` }));
    if (indices.length > 0) await client.indices.delete({ index: indices.join(",") });
    await client.indices.deleteIndexTemplate({ name: alias }, { ignore: [404] });
    await client.close();
  });

  describe("matching", () => {
    it("finds a product by its name, its brand, category, option values and description", async () => {
      expect(await ids("wireless mouse")).toEqual(["p09"]);
      expect(await ids("boomr")).toEqual(["p05"]);
      expect((await ids("furniture")).sort()).toEqual(["p16", "p17"]);
      expect((await ids("apparel")).sort()).toEqual(["p11", "p12", "p13", "p14", "p15", "p19"]);
      expect(await ids("green")).toEqual(["p12"]);
      expect(await ids("pesticides")).toEqual(["p12"]);
    });

    it("requires every word, ignores case and accents, and completes the last word", async () => {
      expect(await ids("velvet laptop")).toEqual([]);
      expect(await ids("CRÈME brulee")).toEqual(["p18"]);
      expect((await ids("bluetooth spea")).sort()).toEqual(["p04", "p05"]);
      expect(await ids("laptop 15")).toEqual([]);
    });

    it("tolerates typos", async () => {
      expect(await ids("hedphones")).toEqual(expect.arrayContaining(["p01", "p03"]));
      expect(await ids("wireles mous")).toEqual(["p09"]);
    });

    it("expands synonyms from the one shared list", async () => {
      expect((await ids("tee")).sort()).toEqual(["p11", "p12", "p13"]);
      expect(await ids("couch")).toEqual(["p16"]);
      expect(await ids("notebook")).toEqual(expect.arrayContaining(["p07", "p08", "p20"]));
    });
  });

  describe("filters", () => {
    it("holds option filters, stock and price on one and the same variant", async () => {
      expect((await ids("", { attributes: { size: "M", colour: "blue" } })).sort()).toEqual(["p11", "p12"]);
      expect(await ids("", { attributes: { SIZE: "m", colour: "Blue" }, inStock: true })).toEqual(["p11"]);
      expect((await ids("", { minPrice: 2000, maxPrice: 5000 })).sort()).toEqual(["p02", "p04", "p06", "p11", "p12", "p18", "p19", "p20"]);
    });

    it("filters by category path prefix, brand and stock", async () => {
      expect((await ids("", { categoryPath: "apparel/tops" })).sort()).toEqual(["p11", "p12", "p13", "p19"]);
      expect(await ids("", { categoryPath: "app" })).toEqual([]);
      expect((await ids("", { brand: "sonora" })).sort()).toEqual(["p01", "p02", "p04"]);
      expect((await ids("", { inStock: false })).sort()).toEqual(["p03", "p08", "p19"]);
    });
  });

  describe("facets", () => {
    it("counts products, not variants, over every match", async () => {
      const { total, facets } = await index.search(query("", { categoryPath: "apparel/tops" }));
      expect(total).toBe(4);
      expect(facets.category).toEqual([{ value: "apparel/tops", count: 4 }]);
      expect(facets.brand).toEqual([
        { value: "Threadly", count: 3 },
        { value: "Acme", count: 1 },
      ]);
      expect(facets.price.map((bucket) => bucket.count)).toEqual([3, 1, 0, 0, 0]);
      expect(facets.inStock).toEqual([
        { value: "true", count: 3 },
        { value: "false", count: 1 },
      ]);
      expect(facets.attributes).toEqual({
        colour: [
          { value: "blue", count: 3 },
          { value: "red", count: 2 },
          { value: "green", count: 1 },
        ],
        material: [
          { value: "cotton", count: 2 },
          { value: "fleece", count: 1 },
          { value: "organic cotton", count: 1 },
        ],
        size: [
          { value: "L", count: 3 },
          { value: "M", count: 3 },
          { value: "S", count: 1 },
        ],
      });
    });
  });

  describe("ranking, sorting and paging", () => {
    it("ranks out-of-stock products below in-stock ones, with positive falling scores", async () => {
      expect((await ids("headphones")).at(-1)).toBe("p03");
      const { hits } = await index.search(query("wireless"));
      expect(hits.every((hit) => hit.score > 0)).toBe(true);
      expect([...hits].sort((a, b) => b.score - a.score)).toEqual(hits);
    });

    it("sorts by price, rating, popularity and age", async () => {
      const tops = { categoryPath: "apparel/tops" };
      expect(await ids("", { ...tops, sort: "price_asc" })).toEqual(["p13", "p11", "p12", "p19"]);
      expect(await ids("", { ...tops, sort: "price_desc" })).toEqual(["p19", "p12", "p11", "p13"]);
      expect(await ids("", { ...tops, sort: "rating" })).toEqual(["p11", "p12", "p13", "p19"]);
      expect((await ids("", { sort: "popular" })).slice(0, 3)).toEqual(["p09", "p03", "p11"]);
      expect((await ids("", { sort: "newest" })).slice(0, 2)).toEqual(["p20", "p19"]);
    });

    it("pages through one hit per product", async () => {
      const all = await ids("", { sort: "newest" });
      expect(all).toHaveLength(20);
      const page2 = await index.search(query("", { sort: "newest", page: 2, limit: 3 }));
      expect(page2.hits.map((hit) => hit.productId)).toEqual(all.slice(3, 6));
      expect(page2.total).toBe(20);
    });
  });

  describe("suggest", () => {
    it("completes names, tolerates a typo when nothing completes, and suggests nothing for gibberish", async () => {
      expect((await index.suggest("blu", 2)).sort()).toEqual(["Bluetooth Speaker Max", "Bluetooth Speaker Mini"]);
      expect(await index.suggest("bluetooth speaker m", 5)).toEqual(
        expect.arrayContaining(["Bluetooth Speaker Mini", "Bluetooth Speaker Max"]),
      );
      expect(await index.suggest("hed", 10)).toEqual(expect.arrayContaining(["Studio Headphones", "Travel Headset"]));
      expect(await index.suggest("xqzv", 5)).toEqual([]);
    });
  });

  describe("writes", () => {
    it("removes products and variants a product no longer has", async () => {
      await index.remove(["p04"]);
      expect(await ids("bluetooth speaker")).toEqual(["p05"]);
      const [tee] = CATALOGUE.filter((spec) => spec.id === "p11");
      await index.index([documentFor({ ...tee!, variants: tee!.variants!.slice(0, 1) })]);
      expect(await ids("", { attributes: { size: "L" } })).not.toContain("p11");
      expect((await index.search(query(""))).total).toBe(19);
    });
  });

  describe("reindex", () => {
    it("answers from the old version until the new one is complete, then swaps", async () => {
      const seen: string[][] = [];
      const replacement: SearchDocument[] = CATALOGUE.filter((spec) => spec.id !== "p06").map(documentFor);
      const turntable = documentFor({ id: "p21", name: "Turntable", brand: "Acme", categories: ["audio"], price: 19999 });
      async function* source() {
        yield replacement.slice(0, 10);
        seen.push(await ids("radio"), await ids("turntable"));
        yield [...replacement.slice(10), turntable];
      }
      expect(await index.reindex(source())).toEqual({ indexed: 20 });
      expect(seen).toEqual([["p06"], []]);
      expect(await ids("radio")).toEqual([]);
      expect(await ids("turntable")).toEqual(["p21"]);
      const versions = await client.indices.getAlias({ index: `${alias}_v*` });
      expect(Object.keys(versions)).toEqual([`${alias}_v2`]);
    });
  });
});

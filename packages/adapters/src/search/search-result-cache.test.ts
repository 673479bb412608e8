import type { SearchQuery, SearchResult } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { SearchResultCache } from "./search-result-cache.js";

const query = (q: string, rest: Partial<SearchQuery> = {}): SearchQuery => ({ q, page: 1, limit: 20, ...rest });
const result = (total: number): SearchResult => ({
  hits: [],
  total,
  facets: { category: [], brand: [], price: [], inStock: [], attributes: {} },
});

describe("SearchResultCache", () => {
  it("hands a result out only under the version it was computed at", () => {
    const cache = new SearchResultCache();
    cache.set("1", query("sofa"), result(3));
    expect(cache.get("1", query("sofa"))?.total).toBe(3);
    expect(cache.get("2", query("sofa"))).toBeUndefined();
    // A result of an older version is dropped once seen.
    expect(cache.get("1", query("sofa"))).toBeUndefined();
  });

  it("keys by the query's words as the index sees them and by every filter", () => {
    const cache = new SearchResultCache();
    cache.set("1", query("Crème  Sofa", { attributes: { size: "M", colour: "blue" } }), result(1));
    expect(cache.get("1", query("creme sofa", { attributes: { colour: "blue", size: "M" } }))?.total).toBe(1);
    for (const other of [
      query("creme sofa"),
      query("creme sofa", { attributes: { colour: "blue", size: "L" } }),
      query("creme sofa", { attributes: { colour: "blue", size: "M" }, page: 2 }),
      query("creme sofa", { attributes: { colour: "blue", size: "M" }, sort: "price_asc" }),
      query("creme sofa", { attributes: { colour: "blue", size: "M" }, inStock: true }),
      query("creme sofa", { attributes: { colour: "blue", size: "M" }, brand: "Hearth" }),
      query("creme sofa", { attributes: { colour: "blue", size: "M" }, categoryPath: "home" }),
      query("creme sofa", { attributes: { colour: "blue", size: "M" }, minPrice: 100 }),
    ]) {
      expect(cache.get("1", other)).toBeUndefined();
    }
  });

  it("keeps at most its capacity, dropping the least recently used", () => {
    const cache = new SearchResultCache(2);
    cache.set("1", query("a"), result(1));
    cache.set("1", query("b"), result(2));
    expect(cache.get("1", query("a"))?.total).toBe(1);
    cache.set("1", query("c"), result(3));
    expect(cache.size).toBe(2);
    expect(cache.get("1", query("b"))).toBeUndefined();
    expect(cache.get("1", query("a"))?.total).toBe(1);
    expect(cache.get("1", query("c"))?.total).toBe(3);
  });

  it("keeps nothing with capacity 0", () => {
    const cache = new SearchResultCache(0);
    cache.set("1", query("a"), result(1));
    expect(cache.get("1", query("a"))).toBeUndefined();
  });
});

describe("SearchResultCache.read", () => {
  it("computes a result once for concurrent searches of the same query and version, then keeps it", async () => {
    const cache = new SearchResultCache();
    let computed = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const compute = async () => {
      computed += 1;
      await gate;
      return result(computed);
    };
    const both = Promise.all([cache.read("1", query("sofa"), compute), cache.read("1", query("SOFA"), compute)]);
    release();
    const [first, second] = await both;
    expect(second).toBe(first);
    expect(computed).toBe(1);
    expect(await cache.read("1", query("sofa"), compute)).toBe(first);
    expect(computed).toBe(1);
    // Another version computes anew.
    expect((await cache.read("2", query("sofa"), compute)).total).toBe(2);
  });

  it("keeps no failure", async () => {
    const cache = new SearchResultCache();
    await expect(cache.read("1", query("sofa"), () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect((await cache.read("1", query("sofa"), () => Promise.resolve(result(5)))).total).toBe(5);
  });
});

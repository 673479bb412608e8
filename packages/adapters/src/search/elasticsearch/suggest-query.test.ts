import { describe, expect, it } from "vitest";
import { allowsFuzzySuggest, buildSuggestRequest } from "./suggest-query.js";

describe("buildSuggestRequest", () => {
  it("asks for nothing when nothing was typed", () => {
    expect(buildSuggestRequest("   ", 5)).toBeUndefined();
    expect(buildSuggestRequest("—", 5)).toBeUndefined();
    expect(buildSuggestRequest("hea", 0)).toBeUndefined();
  });

  it("requires every typed word to begin a word of the name, and prefers names that start with it", () => {
    const request = buildSuggestRequest("  Crème  Br", 7)!;
    expect(request.size).toBe(7);
    expect(request._source).toEqual(["name"]);
    expect(request.query).toEqual({
      bool: {
        must: [{ match: { "name.autocomplete": { query: "creme br", operator: "and" } } }],
        should: [{ prefix: { "name.raw": { value: "creme br", boost: 10 } } }],
      },
    });
  });

  it("suggests each name once, best first, then the best sellers", () => {
    const request = buildSuggestRequest("hea", 5)!;
    expect(request.collapse).toEqual({ field: "name.raw" });
    expect(request.sort).toEqual([{ _score: { order: "desc" } }, { sales_count: "desc" }, { "name.raw": "asc" }]);
  });

  it("tolerates typos only when asked, keeping the first letter", () => {
    const request = buildSuggestRequest("hed", 5, { fuzzy: true })!;
    expect(request.query?.bool?.must).toEqual([
      { match: { "name.autocomplete": { query: "hed", operator: "and", fuzziness: "AUTO", prefix_length: 1 } } },
    ]);
  });
});

describe("allowsFuzzySuggest", () => {
  it("retries with typos only when the last word has 3 letters or more", () => {
    expect(allowsFuzzySuggest("he")).toBe(false);
    expect(allowsFuzzySuggest("bluetooth s")).toBe(false);
    expect(allowsFuzzySuggest("hed")).toBe(true);
    expect(allowsFuzzySuggest("speaker blutoo")).toBe(true);
  });
});

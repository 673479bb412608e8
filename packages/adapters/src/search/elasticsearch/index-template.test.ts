import type { estypes } from "@elastic/elasticsearch";
import type { SearchDocument } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { SYNONYMS } from "../synonyms.js";
import { toVariantDocuments } from "./documents.js";
import { ANALYZERS, FOLDED_KEYWORD, indexTemplate, synonymRules } from "./index-template.js";

const { settings, mappings } = indexTemplate();
const analysis = settings.analysis as Required<estypes.IndicesIndexSettingsAnalysis>;
const properties = mappings.properties as Record<string, estypes.MappingProperty & Record<string, unknown>>;

describe("synonymRules", () => {
  it("turns each set of the one shared list into one equivalence rule", () => {
    const rules = synonymRules();
    expect(rules).toHaveLength(SYNONYMS.length);
    expect(rules).toContain("tee, t-shirt, tshirt");
    expect(rules).toContain("hoodie, hooded sweatshirt");
  });

  it("escapes the characters the rule parser would split on, and drops sets of one", () => {
    expect(synonymRules([["a,b", "c=>d", "e\\f"], ["alone"]])).toEqual(["a\\,b, c\\=>d, e\\\\f"]);
  });
});

describe("indexTemplate analysis", () => {
  it("expands synonyms at search time only, after lower-casing and folding accents", () => {
    expect(analysis.filter["emporium_synonyms"]).toEqual({ type: "synonym_graph", synonyms: synonymRules(SYNONYMS) });
    expect(analysis.analyzer[ANALYZERS.search]).toMatchObject({
      tokenizer: "standard",
      filter: ["lowercase", "asciifolding", "emporium_synonyms"],
    });
    expect(analysis.analyzer[ANALYZERS.text]).toMatchObject({ filter: ["lowercase", "asciifolding"] });
  });

  it("indexes every beginning of the name's words for autocomplete", () => {
    expect(analysis.filter["emporium_prefixes"]).toMatchObject({ type: "edge_ngram", min_gram: 1 });
    expect(analysis.analyzer[ANALYZERS.autocomplete]).toMatchObject({ filter: ["lowercase", "asciifolding", "emporium_prefixes"] });
    expect(properties["name"]).toMatchObject({
      analyzer: ANALYZERS.text,
      search_analyzer: ANALYZERS.search,
      fields: {
        autocomplete: { type: "text", analyzer: ANALYZERS.autocomplete, search_analyzer: ANALYZERS.text },
        raw: { type: "keyword", normalizer: FOLDED_KEYWORD },
      },
    });
  });
});

describe("indexTemplate mappings", () => {
  it("types each field for what queries do with it", () => {
    expect(mappings.dynamic).toBe("strict");
    expect(properties["brand"]).toMatchObject({ type: "keyword", fields: { text: { type: "text", search_analyzer: ANALYZERS.search } } });
    for (const field of ["sku", "product_id", "slug", "category_path", "primary_category", "filter_pairs", "facet_pairs", "doc_id"]) {
      expect(properties[field], field).toMatchObject({ type: "keyword" });
    }
    for (const field of ["price", "min_price", "max_price", "sales_count"])
      expect(properties[field], field).toMatchObject({ type: "long" });
    for (const field of ["in_stock", "product_in_stock", "featured"]) expect(properties[field], field).toMatchObject({ type: "boolean" });
    expect(properties["options"]).toEqual({ type: "flattened" });
    expect(properties["attributes"]).toEqual({ type: "flattened" });
    expect(properties["created_at"]).toEqual({ type: "date" });
  });

  it("copies every searchable field into search_text", () => {
    for (const field of ["name", "brand", "description", "category_names", "attribute_text"]) {
      expect(properties[field], field).toMatchObject({ copy_to: ["search_text"] });
    }
  });

  it("maps every field a variant document carries, since unknown fields are rejected", () => {
    const document: SearchDocument = {
      productId: "p1",
      slug: "p1",
      name: "P",
      description: "",
      brand: "B",
      categoryIds: ["c"],
      categoryNames: ["C"],
      categoryPaths: ["c"],
      attributes: { a: "b" },
      variants: [{ sku: "S", options: { size: "M" }, price: 100, inStock: true }],
      minPrice: 100,
      maxPrice: 100,
      inStock: true,
      featured: false,
      rating: 0,
      salesCount: 0,
      createdAt: new Date(0),
    };
    const [variant] = toVariantDocuments(document);
    expect(Object.keys(variant!).sort()).toEqual(
      Object.keys(properties)
        .filter((field) => field !== "search_text")
        .sort(),
    );
  });
});

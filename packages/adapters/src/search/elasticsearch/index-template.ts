import type { estypes } from "@elastic/elasticsearch";
import { SYNONYMS } from "../synonyms.js";

/** Analyzer names, shared by the mappings and the queries that pick an analyzer. */
export const ANALYZERS = {
  /** Index-time text: words lower-cased and folded to ASCII ("Crème" → "creme"). */
  text: "emporium_text",
  /** Query-time text: as `text`, plus the synonym graph, so a changed list needs no reindex of the words. */
  search: "emporium_search",
  /** Index-time autocomplete: every beginning of every word of the name ("hea", "head", …). */
  autocomplete: "emporium_autocomplete",
} as const;

/** The keyword normalizer that makes `name.raw` compare without regard to case and accents. */
export const FOLDED_KEYWORD = "emporium_folded";

/** Words longer than this complete only up to their first MAX_PREFIX letters. */
const MAX_PREFIX = 20;

/** Settings and mappings of every `products_vN` index. */
export interface IndexTemplate {
  readonly settings: estypes.IndicesIndexSettings;
  readonly mappings: estypes.MappingTypeMapping;
}

/** The synonym list as Solr-format rules ("tee, t-shirt, tshirt"): every entry of a set is interchangeable. */
export function synonymRules(synonyms: readonly (readonly string[])[] = SYNONYMS): string[] {
  return synonyms.filter((set) => set.length > 1).map((set) => set.map(escapeRule).join(", "));
}

// The rule parser splits on "," and "=>"; a backslash keeps such a character literal.
function escapeRule(entry: string): string {
  return entry.trim().replace(/[\\,=]/g, (character) => `\\${character}`);
}

const text = (extra: Partial<estypes.MappingTextProperty> = {}): estypes.MappingTextProperty => ({
  type: "text",
  analyzer: ANALYZERS.text,
  search_analyzer: ANALYZERS.search,
  ...extra,
});

/**
 * One document per variant SKU. Product-level values (name, brand, categories,
 * minimum price, stock, popularity) are repeated on each variant so any one of
 * them can answer for its product; the variant's own price, stock and options
 * serve filters that must hold for one and the same variant.
 */
export function indexTemplate(synonyms: readonly (readonly string[])[] = SYNONYMS): IndexTemplate {
  return {
    settings: {
      // A catalogue fits one shard, and one shard keeps term statistics, facet counts and collapse exact.
      number_of_shards: 1,
      analysis: {
        filter: {
          emporium_synonyms: { type: "synonym_graph", synonyms: synonymRules(synonyms) },
          emporium_prefixes: { type: "edge_ngram", min_gram: 1, max_gram: MAX_PREFIX },
        },
        analyzer: {
          [ANALYZERS.text]: { type: "custom", tokenizer: "standard", filter: ["lowercase", "asciifolding"] },
          [ANALYZERS.search]: { type: "custom", tokenizer: "standard", filter: ["lowercase", "asciifolding", "emporium_synonyms"] },
          [ANALYZERS.autocomplete]: { type: "custom", tokenizer: "standard", filter: ["lowercase", "asciifolding", "emporium_prefixes"] },
        },
        normalizer: {
          [FOLDED_KEYWORD]: { type: "custom", filter: ["lowercase", "asciifolding"] },
        },
      },
    },
    mappings: {
      // A field this adapter does not know is a bug, not something to guess a type for.
      dynamic: "strict",
      properties: {
        doc_id: { type: "keyword" },
        sku: { type: "keyword" },
        product_id: { type: "keyword" },
        slug: { type: "keyword" },
        name: text({
          copy_to: ["search_text"],
          fields: {
            raw: { type: "keyword", normalizer: FOLDED_KEYWORD },
            autocomplete: { type: "text", analyzer: ANALYZERS.autocomplete, search_analyzer: ANALYZERS.text },
          },
        }),
        brand: { type: "keyword", copy_to: ["search_text"], fields: { text: text() } },
        description: text({ copy_to: ["search_text"] }),
        category_path: { type: "keyword" },
        primary_category: { type: "keyword" },
        category_names: text({ copy_to: ["search_text"] }),
        attribute_text: text({ copy_to: ["search_text"] }),
        // Every searchable word of the product in one field, so a query can require each word somewhere.
        search_text: text(),
        price: { type: "long" },
        min_price: { type: "long" },
        max_price: { type: "long" },
        in_stock: { type: "boolean" },
        product_in_stock: { type: "boolean" },
        options: { type: "flattened" },
        attributes: { type: "flattened" },
        filter_pairs: { type: "keyword" },
        facet_pairs: { type: "keyword" },
        rating: { type: "float" },
        sales_count: { type: "long" },
        popularity: { type: "float" },
        featured: { type: "boolean" },
        created_at: { type: "date" },
      },
    },
  };
}

import type { estypes } from "@elastic/elasticsearch";
import { normalizeText, tokenize } from "../tokenize.js";

/** Shorter last words are completed exactly only: a typo budget on one or two letters matches nearly everything. */
export const MIN_FUZZY_PREFIX = 3;

// Names that begin with what was typed outrank names that merely contain its words.
const STARTS_WITH_BOOST = 10;

/**
 * Autocomplete over the edge n-grams of product names: every typed word must
 * begin a word of the name ("bluetooth spe" → "Bluetooth Speaker Mini"),
 * names that start with the typed text first, one suggestion per distinct
 * name. With `fuzzy`, each word may also be a typo or two away ("hed" →
 * "Headphones"); the index asks that only when the exact request found nothing.
 * Undefined when there is nothing to complete.
 */
export function buildSuggestRequest(prefix: string, limit: number, { fuzzy = false } = {}): estypes.SearchRequest | undefined {
  const typed = normalizeText(prefix).trim().replace(/\s+/g, " ");
  if (tokenize(typed).length === 0 || limit < 1) return undefined;
  return {
    size: Math.floor(limit),
    _source: ["name"],
    track_total_hits: false,
    query: {
      bool: {
        must: [
          {
            match: {
              "name.autocomplete": { query: typed, operator: "and", ...(fuzzy ? { fuzziness: "AUTO", prefix_length: 1 } : {}) },
            },
          },
        ],
        should: [{ prefix: { "name.raw": { value: typed, boost: STARTS_WITH_BOOST } } }],
      },
    },
    collapse: { field: "name.raw" },
    sort: [{ _score: { order: "desc" } }, { sales_count: "desc" }, { "name.raw": "asc" }],
  };
}

/** Whether a prefix that completed nothing is worth a typo-tolerant second try. */
export function allowsFuzzySuggest(prefix: string): boolean {
  return (tokenize(prefix).at(-1)?.length ?? 0) >= MIN_FUZZY_PREFIX;
}

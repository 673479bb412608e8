import { sql } from "kysely";
import type { SearchDatabase } from "../sql/sqlite-search-tables.js";
import { normalizeText, tokenize } from "../tokenize.js";
import type { PostgresSearchTables } from "./postgres-search-tables.js";
import { toTsquery } from "./postgres-tsquery.js";
import type { PostgresVocabulary } from "./postgres-vocabulary.js";

/** Shorter prefixes are completed exactly only: a typo budget on one or two letters matches nearly everything. */
const MIN_FUZZY_PREFIX = 3;

/**
 * Autocomplete, as the SQLite adapter does it: product names whose words
 * complete the prefix (names that start with it first), then vocabulary words
 * completing its last word. When nothing completes a prefix of 3+ letters,
 * words within a typo or two of it are completed instead ("hedp" → headphones).
 */
export async function suggestCompletions(
  db: SearchDatabase,
  t: PostgresSearchTables,
  vocabulary: PostgresVocabulary,
  prefix: string,
  limit: number,
): Promise<string[]> {
  const tokens = tokenize(prefix);
  const last = tokens.at(-1);
  if (last === undefined || limit <= 0) return [];
  const head = tokens.slice(0, -1);

  let names = await namesMatching(db, t, head, [last], limit);
  let words = await vocabulary.completions(last, limit);
  if (names.length === 0 && words.length === 0 && last.length >= MIN_FUZZY_PREFIX) {
    words = await vocabulary.fuzzyCompletions(last, limit);
    names = words.length === 0 ? [] : await namesMatching(db, t, head, words, limit);
  }
  const typed = normalizeText(prefix).trim();
  const startsWithTyped = (name: string) => (normalizeText(name).startsWith(typed) ? 0 : 1);
  const ranked = [...names].sort((a, b) => startsWithTyped(a) - startsWithTyped(b));
  const completions = words.map((word) => [...head, word].join(" "));

  const seen = new Set<string>();
  const result: string[] = [];
  for (const suggestion of [...ranked, ...completions]) {
    const key = normalizeText(suggestion);
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(suggestion);
    if (result.length === limit) break;
  }
  return result;
}

/** Names containing every `head` word and a word starting with one of `lastWords`. */
async function namesMatching(
  db: SearchDatabase,
  t: PostgresSearchTables,
  head: readonly string[],
  lastWords: readonly string[],
  limit: number,
): Promise<string[]> {
  const tsquery = toTsquery([
    ...head.map((word) => ({ phrases: [[word]], prefix: false })),
    { phrases: lastWords.map((word) => [word]), prefix: true },
  ]);
  // More rows than asked, so names starting with the prefix can still be moved to the front.
  const { rows } = await sql<{ name: string }>`
    SELECT name FROM ${sql.id(t.documents)}
    WHERE name_tsv @@ to_tsquery('simple', ${tsquery})
    ORDER BY boost DESC, name COLLATE "C"
    LIMIT ${limit * 3}
  `.execute(db);
  return rows.map((row) => row.name);
}

import { sql } from "kysely";
import { normalizeText, tokenize } from "../tokenize.js";
import type { SearchDatabase, SqliteSearchTables } from "./sqlite-search-tables.js";
import type { SqliteVocabulary } from "./sqlite-vocabulary.js";

/** Shorter prefixes are completed exactly only: a typo budget on one or two letters matches nearly everything. */
const MIN_FUZZY_PREFIX = 3;

/**
 * Autocomplete: product names whose words complete the prefix (names that
 * start with it first), then vocabulary words completing its last word. When
 * nothing completes a prefix of 3+ letters, words within a typo or two of it
 * are completed instead ("hedp" → headphones).
 */
export async function suggestCompletions(
  db: SearchDatabase,
  t: SqliteSearchTables,
  vocabulary: SqliteVocabulary,
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
  t: SqliteSearchTables,
  head: readonly string[],
  lastWords: readonly string[],
  limit: number,
): Promise<string[]> {
  const clauses = [...head.map((word) => `"${word}"`), `(${lastWords.map((word) => `"${word}"*`).join(" OR ")})`];
  const fts = sql.table(t.fts);
  // More rows than asked, so names starting with the prefix can still be moved to the front.
  const rows = await sql<{ name: string }>`
    SELECT d.name FROM ${fts} JOIN ${sql.table(t.documents)} AS d ON d.doc_id = ${fts}.rowid
    WHERE ${fts} MATCH ${`name : (${clauses.join(" AND ")})`}
    ORDER BY d.boost DESC, d.name
    LIMIT ${limit * 3}
  `.execute(db);
  return rows.rows.map((row) => row.name);
}

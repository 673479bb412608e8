import { sql, type RawBuilder } from "kysely";
import { allowedEdits, editDistance, prefixEditDistance } from "../edit-distance.js";
import type { SearchDatabase } from "../sql/sqlite-search-tables.js";
import { trigramSimilarity } from "../trigrams.js";
import type { PostgresSearchTables } from "./postgres-search-tables.js";
import type { TermVocabulary } from "./resolve-query-terms.js";

const MAX_CORRECTIONS = 3;
/** Candidates considered per lookup, so a common trigram cannot make a lookup read the whole vocabulary. */
const CANDIDATE_LIMIT = 500;
/**
 * pg_trgm's thresholds for candidates, lower than its defaults: the edit caps
 * decide, and a short word with one typo ("sofs") shares few trigrams with the right one.
 */
const SIMILARITY_THRESHOLD = "0.1";
const WORD_SIMILARITY_THRESHOLD = "0.2";

interface Candidate {
  readonly term: string;
  readonly docs: number;
}

/**
 * The distinct words of the indexed documents, for typo correction and
 * autocomplete. pg_trgm's GIN index finds candidates; the choice among them is
 * the SQLite adapter's (the same edit caps, similarity and tie-breaks), so both
 * correct alike. Without pg_trgm, candidates are words sharing the first letter.
 */
export class PostgresVocabulary implements TermVocabulary {
  constructor(
    private readonly db: SearchDatabase,
    private readonly t: PostgresSearchTables,
    private readonly trigramSchema: string | null,
  ) {}

  async known(words: readonly string[]): Promise<Set<string>> {
    if (words.length === 0) return new Set();
    const { rows } = await sql<{ term: string }>`
      SELECT term FROM ${sql.id(this.t.terms)} WHERE term = ANY(${[...new Set(words)]}::text[])
    `.execute(this.db);
    return new Set(rows.map((row) => row.term));
  }

  /** The most used words starting with `prefix`. */
  async completions(prefix: string, limit: number): Promise<string[]> {
    const { rows } = await sql<{ term: string }>`
      SELECT term FROM ${sql.id(this.t.terms)} WHERE term LIKE ${likePrefix(prefix)}
      ORDER BY doc_count DESC, term LIMIT ${limit}
    `.execute(this.db);
    return rows.map((row) => row.term);
  }

  /** The closest words to one that matches nothing ("hedphones" → headphones); `extraWords` (the synonym list) compete too. */
  async corrections(word: string, extraWords: readonly string[] = []): Promise<string[]> {
    const maxEdits = allowedEdits(word.length);
    const candidates = await this.candidates(
      this.trigramSchema === null
        ? sql`term LIKE ${likePrefix(word.slice(0, 1))} AND length(term) BETWEEN ${word.length - maxEdits} AND ${word.length + maxEdits}`
        : sql`term OPERATOR(${sql.id(this.trigramSchema)}.%) ${word}`,
      this.trigramSchema === null ? sql`doc_count DESC` : sql`${sql.id(this.trigramSchema, "similarity")}(term, ${word}) DESC`,
      "pg_trgm.similarity_threshold",
      SIMILARITY_THRESHOLD,
    );
    for (const extra of extraWords) {
      if (!candidates.some((candidate) => candidate.term === extra)) candidates.push({ term: extra, docs: 0 });
    }
    const good = candidates
      .map((candidate) => ({
        ...candidate,
        edits: editDistance(word, candidate.term),
        similarity: trigramSimilarity(word, candidate.term),
      }))
      .filter((candidate) => candidate.term !== word && candidate.edits <= maxEdits);
    const fewest = Math.min(...good.map((candidate) => candidate.edits));
    return good
      .filter((candidate) => candidate.edits === fewest)
      .sort((a, b) => b.similarity - a.similarity || b.docs - a.docs || a.term.localeCompare(b.term))
      .slice(0, MAX_CORRECTIONS)
      .map((candidate) => candidate.term);
  }

  /** Words whose beginning is within a typo or two of `prefix` ("hedp" → headphones), most used first. */
  async fuzzyCompletions(prefix: string, limit: number): Promise<string[]> {
    const maxEdits = allowedEdits(prefix.length);
    const candidates = await this.candidates(
      this.trigramSchema === null
        ? sql`term LIKE ${likePrefix(prefix.slice(0, 1))} AND length(term) >= ${prefix.length - maxEdits}`
        : sql`${prefix} OPERATOR(${sql.id(this.trigramSchema)}.<%) term`,
      this.trigramSchema === null ? sql`doc_count DESC` : sql`${sql.id(this.trigramSchema, "word_similarity")}(${prefix}, term) DESC`,
      "pg_trgm.word_similarity_threshold",
      WORD_SIMILARITY_THRESHOLD,
    );
    return candidates
      .map((candidate) => ({ ...candidate, edits: prefixEditDistance(prefix, candidate.term) }))
      .filter((candidate) => candidate.edits <= maxEdits)
      .sort((a, b) => a.edits - b.edits || b.docs - a.docs || a.term.localeCompare(b.term))
      .slice(0, limit)
      .map((candidate) => candidate.term);
  }

  /** Vocabulary rows meeting `condition`, best `order` first; a trigram lookup runs with its threshold lowered for this transaction only. */
  private async candidates(
    condition: RawBuilder<unknown>,
    order: RawBuilder<unknown>,
    setting: string,
    threshold: string,
  ): Promise<Candidate[]> {
    const select = async (db: SearchDatabase) => {
      if (this.trigramSchema !== null) await sql`SELECT set_config(${setting}, ${threshold}, true)`.execute(db);
      const { rows } = await sql<{ term: string; doc_count: number }>`
        SELECT term, doc_count FROM ${sql.id(this.t.terms)} WHERE ${condition}
        ORDER BY ${order}, term LIMIT ${CANDIDATE_LIMIT}
      `.execute(db);
      return rows.map((row) => ({ term: row.term, docs: Number(row.doc_count) }));
    };
    if (this.trigramSchema === null || this.db.isTransaction) return select(this.db);
    return this.db.transaction().execute(select);
  }
}

/** A LIKE pattern for words starting with `prefix`. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, "\\$&")}%`;
}

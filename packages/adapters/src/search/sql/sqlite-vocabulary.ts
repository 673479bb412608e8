import { allowedEdits, editDistance, prefixEditDistance } from "../edit-distance.js";
import { similarityFromCounts, trigramSimilarity, trigrams } from "../trigrams.js";
import type { SearchDatabase, SqliteSearchTables } from "./sqlite-search-tables.js";

const MAX_CORRECTIONS = 3;
/** Trigram hits considered per lookup, so a common trigram cannot make a lookup scan the vocabulary. */
const CANDIDATE_LIMIT = 500;
// Above every code point: `term < prefix + MAX_CHAR` holds exactly for terms that start with `prefix`.
const MAX_CHAR = String.fromCodePoint(0x10ffff);

/** The distinct words of the indexed documents, for typo correction and autocomplete. */
export class SqliteVocabulary {
  constructor(
    private readonly db: SearchDatabase,
    private readonly t: SqliteSearchTables,
  ) {}

  /** Which of `words` some document contains. */
  async known(words: readonly string[]): Promise<Set<string>> {
    if (words.length === 0) return new Set();
    const rows = await this.db
      .selectFrom(this.t.terms)
      .select("term")
      .where("term", "in", [...new Set(words)])
      .execute();
    return new Set(rows.map((row) => row.term as string));
  }

  /** The most used words starting with `prefix`. */
  async completions(prefix: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom(this.t.terms)
      .select("term")
      .where("term", ">=", prefix)
      .where("term", "<", prefix + MAX_CHAR)
      .orderBy("doc_count", "desc")
      .orderBy("term")
      .limit(limit)
      .execute();
    return rows.map((row) => row.term as string);
  }

  /**
   * The words closest to a word that matches nothing ("hedphones" → headphones,
   * "alpah" → alpha): words sharing trigrams with it are the candidates, the
   * fewest edits within what its length allows win (so "turntable" does not
   * become "table"), and trigram similarity then use break ties.
   * `extraWords` (the synonym list) compete too.
   */
  async corrections(word: string, extraWords: readonly string[] = []): Promise<string[]> {
    const grams = trigrams(word);
    const rows = await this.db
      .selectFrom(`${this.t.trigrams} as g`)
      .innerJoin(`${this.t.terms} as s`, "s.term", "g.term")
      .select(({ fn }) => ["g.term as term", "s.trigram_count as size", "s.doc_count as docs", fn.countAll<number>().as("shared")])
      .where("g.trigram", "in", grams)
      .groupBy("g.term")
      .orderBy("shared", "desc")
      .limit(CANDIDATE_LIMIT)
      .execute();
    const candidates = rows.map((row) => ({
      term: row.term as string,
      docs: Number(row.docs),
      similarity: similarityFromCounts(grams.length, Number(row.size), Number(row.shared)),
    }));
    for (const extra of extraWords) {
      if (!candidates.some((candidate) => candidate.term === extra)) {
        candidates.push({ term: extra, docs: 0, similarity: trigramSimilarity(word, extra) });
      }
    }
    const maxEdits = allowedEdits(word.length);
    const good = candidates
      .map((candidate) => ({ ...candidate, edits: editDistance(word, candidate.term) }))
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
    const rows = await this.db
      .selectFrom(`${this.t.trigrams} as g`)
      .innerJoin(`${this.t.terms} as s`, "s.term", "g.term")
      .select(["g.term as term", "s.doc_count as docs"])
      .where("g.trigram", "in", trigrams(prefix, { prefix: true }))
      .groupBy("g.term")
      .orderBy(({ fn }) => fn.countAll(), "desc")
      .limit(CANDIDATE_LIMIT)
      .execute();
    return rows
      .map((row) => ({ term: row.term as string, docs: Number(row.docs), edits: prefixEditDistance(prefix, row.term as string) }))
      .filter((candidate) => candidate.edits <= maxEdits)
      .sort((a, b) => a.edits - b.edits || b.docs - a.docs || a.term.localeCompare(b.term))
      .slice(0, limit)
      .map((candidate) => candidate.term);
  }
}

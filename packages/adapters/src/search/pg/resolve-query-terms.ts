import { isVocabularyWord } from "../document-text.js";
import type { QueryGroup, SynonymTable } from "../synonym-table.js";

/** Words shorter than this are neither prefix-matched nor corrected: too many words start with or resemble them. */
const MIN_FUZZY_LENGTH = 3;

/** What query resolution needs to know about the indexed words. */
export interface TermVocabulary {
  known(words: readonly string[]): Promise<Set<string>>;
  completions(prefix: string, limit: number): Promise<string[]>;
  corrections(word: string, extraWords?: readonly string[]): Promise<string[]>;
}

/** One clause of a query: a document must contain one of its phrases; with `prefix`, single words match as beginnings. */
export interface MatchClause {
  readonly phrases: readonly (readonly string[])[];
  readonly prefix: boolean;
}

/**
 * The query's tokens as clauses that must all match, decided exactly as the
 * SQLite adapter decides its FTS5 expression: synonym groups match any of their
 * phrases, the last word also matches as a prefix (search as you type), and a
 * word that matches nothing is replaced by its closest vocabulary words,
 * themselves expanded by synonyms. Empty when there is nothing to match.
 */
export async function resolveQueryTerms(
  tokens: readonly string[],
  synonyms: SynonymTable,
  vocabulary: TermVocabulary,
): Promise<MatchClause[]> {
  const groups = synonyms.group(tokens);
  if (groups.length === 0) return [];
  const known = await vocabulary.known(groups.filter((group) => !group.fromSynonyms).map(singleWord));
  return Promise.all(
    groups.map(async (group, index): Promise<MatchClause> => {
      if (group.fromSynonyms) return clause(group.phrases, false);
      const word = singleWord(group);
      const asPrefix = index === groups.length - 1 && word.length >= MIN_FUZZY_LENGTH;
      if (known.has(word) || word.length < MIN_FUZZY_LENGTH || !isVocabularyWord(word)) return clause([[word]], asPrefix);
      if (asPrefix && (await vocabulary.completions(word, 1)).length > 0) return clause([[word]], true);
      const corrections = await vocabulary.corrections(word, synonyms.words());
      if (corrections.length === 0) return clause([[word]], false);
      return clause(
        corrections.flatMap((correction) => synonyms.expand([correction])),
        asPrefix,
      );
    }),
  );
}

function singleWord(group: QueryGroup): string {
  return (group.phrases[0] as readonly string[]).join(" ");
}

function clause(phrases: readonly (readonly string[])[], prefix: boolean): MatchClause {
  const distinct = [...new Map(phrases.map((phrase) => [phrase.join(" "), phrase])).values()];
  return { phrases: distinct, prefix };
}

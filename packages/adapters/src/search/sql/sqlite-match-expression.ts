import { isVocabularyWord } from "../document-text.js";
import type { QueryGroup, SynonymTable } from "../synonym-table.js";
import type { SqliteVocabulary } from "./sqlite-vocabulary.js";

/** Words shorter than this are neither prefix-matched nor corrected: too many words start with or resemble them. */
const MIN_FUZZY_LENGTH = 3;

/**
 * Turns query tokens into an FTS5 MATCH expression: every group must match
 * (AND), any phrase of a synonym group may (OR), the last word also matches as
 * a prefix (search as you type), and a word that matches nothing is replaced by
 * its closest vocabulary words, themselves expanded by synonyms. Null when
 * there is nothing to match. Tokens hold only letters and digits, so quoting
 * them is all the escaping FTS5 needs.
 */
export async function buildMatchExpression(
  tokens: readonly string[],
  synonyms: SynonymTable,
  vocabulary: SqliteVocabulary,
): Promise<string | null> {
  const groups = synonyms.group(tokens);
  if (groups.length === 0) return null;
  const plainWords = groups.filter((group) => !group.fromSynonyms).map(singleWord);
  const known = await vocabulary.known(plainWords);
  const clauses = await Promise.all(
    groups.map(async (group, index) => {
      const last = index === groups.length - 1;
      if (group.fromSynonyms) return anyOf(group.phrases, false);
      const word = singleWord(group);
      const asPrefix = last && word.length >= MIN_FUZZY_LENGTH;
      if (known.has(word) || word.length < MIN_FUZZY_LENGTH || !isVocabularyWord(word)) return anyOf([[word]], asPrefix);
      if (asPrefix && (await vocabulary.completions(word, 1)).length > 0) return anyOf([[word]], true);
      const corrections = await vocabulary.corrections(word, synonyms.words());
      if (corrections.length === 0) return anyOf([[word]], false);
      return anyOf(
        corrections.flatMap((correction) => synonyms.expand([correction])),
        asPrefix,
      );
    }),
  );
  return clauses.join(" AND ");
}

function singleWord(group: QueryGroup): string {
  return (group.phrases[0] as readonly string[]).join(" ");
}

function anyOf(phrases: readonly (readonly string[])[], asPrefix: boolean): string {
  const distinct = [...new Set(phrases.map((phrase) => phrase.join(" ")))];
  const terms = distinct.map((phrase) => `"${phrase}"${asPrefix && !phrase.includes(" ") ? "*" : ""}`);
  return `(${terms.join(" OR ")})`;
}

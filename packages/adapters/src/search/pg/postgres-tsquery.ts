import type { MatchClause } from "./resolve-query-terms.js";

/**
 * The text of a `to_tsquery('simple', …)` requiring every clause (&), any
 * phrase of a clause (|), the words of a phrase next to each other (<->), with
 * `:*` on prefix words. Null when there is nothing to match.
 */
export function toTsquery(clauses: readonly MatchClause[]): string | null {
  if (clauses.length === 0) return null;
  return clauses
    .map(({ phrases, prefix }) => {
      const alternatives = phrases.map((phrase) =>
        phrase.length === 1 ? lexeme(phrase[0] as string, prefix) : `(${phrase.map((word) => lexeme(word, false)).join(" <-> ")})`,
      );
      return `(${alternatives.join(" | ")})`;
    })
    .join(" & ");
}

// Tokens hold only letters and digits; quoting still keeps any other character from being read as an operator.
function lexeme(word: string, prefix: boolean): string {
  return `'${word.replace(/\\/g, "\\\\").replace(/'/g, "''")}'${prefix ? ":*" : ""}`;
}

/**
 * Optimal-string-alignment distance: the fewest single-character insertions,
 * deletions, substitutions or swaps of neighbours from `a` to `b`
 * ("wrieless" → "wireless" is 1).
 */
export function editDistance(a: string, b: string): number {
  return distanceRow(a, b).at(-1) as number;
}

/**
 * The fewest edits that turn `prefix` into a beginning of `word` at least as
 * long as itself ("hedp" → "headp" is 1), for typo-tolerant autocomplete.
 * Shorter beginnings are not considered: they would let "wri" match "with".
 */
export function prefixEditDistance(prefix: string, word: string): number {
  return Math.min(Infinity, ...distanceRow(prefix, word).slice(prefix.length));
}

/** How many typos a word of this length may carry and still be recognised (Elasticsearch's fuzziness AUTO). */
export function allowedEdits(length: number): number {
  if (length < 3) return 0;
  return length <= 5 ? 1 : 2;
}

/** The distances from all of `a` to every beginning `b[0..j)`, j = 0..b.length. */
function distanceRow(a: string, b: string): number[] {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      let best = Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (beforePrevious[j - 2] as number) + 1);
      }
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous;
}

/**
 * The distinct trigrams of a word padded as pg_trgm does ("  cat "), so that
 * the start and the end of a word weigh in and short words still have some.
 * With `prefix`, the end is left open, for matching the beginning of words.
 */
export function trigrams(word: string, { prefix = false }: { prefix?: boolean } = {}): string[] {
  const padded = `  ${word}${prefix ? "" : " "}`;
  const result = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i += 1) result.add(padded.slice(i, i + 3));
  return [...result];
}

/** Shared trigrams over all trigrams of either word (Jaccard), from 0 to 1. */
export function trigramSimilarity(a: string, b: string): number {
  return similarityFromCounts(trigrams(a).length, trigrams(b).length, countShared(trigrams(a), trigrams(b)));
}

/** Jaccard similarity from the trigram counts of two words and how many they share. */
export function similarityFromCounts(countA: number, countB: number, shared: number): number {
  const union = countA + countB - shared;
  return union === 0 ? 0 : shared / union;
}

function countShared(a: readonly string[], b: readonly string[]): number {
  const set = new Set(b);
  return a.filter((gram) => set.has(gram)).length;
}

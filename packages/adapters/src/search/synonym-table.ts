import { SYNONYMS } from "./synonyms.js";
import { tokenize } from "./tokenize.js";

/** One unit of a query: any of its phrases (each one or more tokens) may match. */
export interface QueryGroup {
  readonly phrases: readonly (readonly string[])[];
  /** The group came from the synonym list, so its words are not typos to correct. */
  readonly fromSynonyms: boolean;
}

/** The synonym list tokenized the way queries are, for query-time expansion. */
export class SynonymTable {
  // Phrase key ("t shirt") → every phrase key interchangeable with it, itself included.
  private readonly alternatives = new Map<string, Set<string>>();
  private readonly longestPhrase: number;

  constructor(synonyms: readonly (readonly string[])[] = SYNONYMS) {
    let longest = 1;
    for (const set of synonyms) {
      const keys = set.map((entry) => tokenize(entry).join(" ")).filter((key) => key.length > 0);
      for (const key of keys) {
        const known = this.alternatives.get(key) ?? new Set<string>();
        for (const other of keys) known.add(other);
        this.alternatives.set(key, known);
        longest = Math.max(longest, key.split(" ").length);
      }
    }
    this.longestPhrase = longest;
  }

  /** Splits query tokens into groups; the longest run of tokens spelling a synonym becomes one group of all its phrases. */
  group(tokens: readonly string[]): QueryGroup[] {
    const groups: QueryGroup[] = [];
    let i = 0;
    while (i < tokens.length) {
      const match = this.longestMatchAt(tokens, i);
      if (match === undefined) {
        groups.push({ phrases: [[tokens[i] as string]], fromSynonyms: false });
        i += 1;
      } else {
        groups.push({ phrases: this.expand(match), fromSynonyms: true });
        i += match.length;
      }
    }
    return groups;
  }

  /** Every phrase interchangeable with `phrase`, itself first. */
  expand(phrase: readonly string[]): string[][] {
    const key = phrase.join(" ");
    const keys = [key, ...[...(this.alternatives.get(key) ?? [])].filter((other) => other !== key)];
    return keys.map((k) => k.split(" "));
  }

  /** The single-word entries, extra candidates when correcting a typo. */
  words(): string[] {
    return [...this.alternatives.keys()].filter((key) => !key.includes(" "));
  }

  private longestMatchAt(tokens: readonly string[], start: number): string[] | undefined {
    for (let length = Math.min(this.longestPhrase, tokens.length - start); length >= 1; length -= 1) {
      const candidate = tokens.slice(start, start + length);
      if (this.alternatives.has(candidate.join(" "))) return candidate;
    }
    return undefined;
  }
}

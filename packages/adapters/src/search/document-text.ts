import type { SearchDocument } from "@emporium/domain";
import { tokenize } from "./tokenize.js";

/** The searchable text of a document, by field, in falling order of weight. */
export interface DocumentText {
  readonly name: string;
  readonly brand: string;
  readonly categories: string;
  readonly attributes: string;
  readonly description: string;
}

export function documentText(document: SearchDocument): DocumentText {
  const values = new Set<string>(Object.values(document.attributes));
  for (const variant of document.variants) for (const value of Object.values(variant.options)) values.add(value);
  return {
    name: document.name,
    brand: document.brand ?? "",
    // Path slugs name the ancestors too, so "apparel" finds a product filed under apparel/tops/t-shirts.
    categories: [...document.categoryNames, ...document.categoryPaths].join(" "),
    attributes: [...values].join(" "),
    description: document.description,
  };
}

/**
 * Whether a word belongs in the vocabulary that typo correction and suggestions
 * draw on: single letters and anything with a digit (sizes, model numbers) are
 * matched as typed, never "corrected".
 */
export function isVocabularyWord(token: string): boolean {
  return token.length >= 2 && !/\p{N}/u.test(token);
}

/** The distinct vocabulary words of a document. */
export function documentTerms(document: SearchDocument): Set<string> {
  const text = documentText(document);
  return new Set(tokenize(Object.values(text).join(" ")).filter(isVocabularyWord));
}

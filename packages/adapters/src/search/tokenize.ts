/** Lower-cases and strips diacritics ("Crème" → "creme"), as FTS5's unicode61 tokenizer with remove_diacritics 2 does. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/** The words of `text` as the search indexes see them: normalized, split on anything not a letter or digit. */
export function tokenize(text: string): string[] {
  return normalizeText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

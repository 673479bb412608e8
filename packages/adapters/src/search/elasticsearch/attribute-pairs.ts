/**
 * Attributes and options live in two keyword fields as JSON `[name, value]`
 * pairs: one lower-cased for case-insensitive filters ("MATERIAL=Cotton" finds
 * material=cotton), one as written for facet values. One keyword field serves
 * any attribute name, so facets need neither a mapping per attribute nor
 * nested documents, and JSON keeps names and values with any character apart.
 */
export function filterPair(name: string, value: string): string {
  return JSON.stringify([name.toLowerCase(), value.toLowerCase()]);
}

export function facetPair(name: string, value: string): string {
  return JSON.stringify([name, value]);
}

/** The name and value of a facet pair, or undefined for a key this adapter did not write. */
export function parseFacetPair(key: string): { name: string; value: string } | undefined {
  try {
    const parsed: unknown = JSON.parse(key);
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === "string" && typeof parsed[1] === "string") {
      return { name: parsed[0], value: parsed[1] };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

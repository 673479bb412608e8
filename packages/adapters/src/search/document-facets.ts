import type { SearchDocument } from "@emporium/domain";

/**
 * The distinct attribute and option values of a document, for facet counts:
 * each (name, value) once per product however many variants share it,
 * compared without regard to case.
 */
export function documentFacetValues(document: SearchDocument): { name: string; value: string }[] {
  const pairs = new Map<string, { name: string; value: string }>();
  const entries = [...Object.entries(document.attributes), ...document.variants.flatMap((variant) => Object.entries(variant.options))];
  for (const [name, value] of entries) {
    const key = JSON.stringify([name.toLowerCase(), value.toLowerCase()]);
    if (!pairs.has(key)) pairs.set(key, { name, value });
  }
  return [...pairs.values()];
}

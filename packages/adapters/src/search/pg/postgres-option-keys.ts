/** Between a name and its value in the arrays below: a control character no attribute name contains. */
const SEPARATOR = "\u001f";

/** A variant's `options` element for `name = value`, compared without regard to case (size M is size m). */
export function optionKey(name: string, value: string): string {
  return `${name.toLowerCase()}${SEPARATOR}${value.toLowerCase()}`;
}

/** A document's `facets` element, in its own spelling, for counting. */
export function facetLabel(name: string, value: string): string {
  return `${name}${SEPARATOR}${value}`;
}

/** The name and value of a `facets` element. */
export function parseFacetLabel(label: string): { name: string; value: string } {
  const at = label.indexOf(SEPARATOR);
  return { name: label.slice(0, at), value: label.slice(at + 1) };
}

import type { Category } from "../catalog/category.js";

/** A category as the storefront navigates it. */
export interface CategoryNode {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly path: string;
  readonly children: readonly CategoryNode[];
}

/** Nests flat categories under their parents, siblings ordered by position then name. Orphans become roots. */
export function buildCategoryTree(categories: readonly Category[]): CategoryNode[] {
  const known = new Set(categories.map((c) => c.id));
  const byParent = new Map<string | null, Category[]>();
  for (const category of categories) {
    const parent = category.parentId !== null && known.has(category.parentId) ? category.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), category]);
  }
  const nodes = (parentId: string | null): CategoryNode[] =>
    [...(byParent.get(parentId) ?? [])]
      .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
      .map((c) => ({ id: c.id, slug: c.slug, name: c.name, path: c.path, children: nodes(c.id) }));
  return nodes(null);
}

/** The ids of `rootId` and every category below it. */
export function subtreeIds(categories: readonly Category[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const category of categories) {
      if (category.parentId !== null && ids.has(category.parentId) && !ids.has(category.id)) {
        ids.add(category.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** The names from the root down to `categoryId`, e.g. `["Apparel", "Tops"]`; empty for an unknown id. */
export function namePath(categories: readonly Category[], categoryId: string): string[] {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const names: string[] = [];
  // Bounded by the number of categories, so corrupt data with a cycle cannot loop forever.
  for (
    let c = byId.get(categoryId);
    c !== undefined && names.length < categories.length;
    c = c.parentId === null ? undefined : byId.get(c.parentId)
  ) {
    names.unshift(c.name);
  }
  return names;
}

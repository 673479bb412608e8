import type { Category } from "../catalog/category.js";
import { err, notFound, ok, type NotFoundError, type Result } from "../errors.js";
import { buildCategoryTree, subtreeIds, type CategoryNode } from "./category-tree.js";
import type { AppDeps } from "./context.js";

export interface GetCategoryInput {
  readonly slug: string;
}

/** A category with its subtree and its ancestors from the root (breadcrumbs). */
export interface CategoryDetail extends Category {
  readonly children: readonly CategoryNode[];
  readonly ancestors: readonly Pick<Category, "id" | "slug" | "name" | "path">[];
}

/** One category by slug. */
export class GetCategory {
  constructor(private readonly deps: Pick<AppDeps, "repos">) {}

  async execute(input: GetCategoryInput): Promise<Result<CategoryDetail, NotFoundError>> {
    const all = await this.deps.repos.categories.findAll();
    const category = all.find((c) => c.slug === input.slug);
    if (category === undefined) return err(notFound("category", input.slug));
    const byId = new Map(all.map((c) => [c.id, c]));
    const ancestors: Category[] = [];
    for (let parent = byId.get(category.parentId ?? ""); parent !== undefined; parent = byId.get(parent.parentId ?? "")) {
      ancestors.unshift(parent);
    }
    const below = subtreeIds(all, category.id);
    below.delete(category.id);
    // The direct children have no parent among the descendants, so they come out as the roots.
    const children = buildCategoryTree(all.filter((c) => below.has(c.id)));
    return ok({
      ...category,
      children,
      ancestors: ancestors.map(({ id, slug, name, path }) => ({ id, slug, name, path })),
    });
  }
}

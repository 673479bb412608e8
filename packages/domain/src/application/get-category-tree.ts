import { ok, type Result } from "../errors.js";
import { buildCategoryTree, type CategoryNode } from "./category-tree.js";
import type { AppDeps } from "./context.js";

/** The whole category tree for navigation. */
export class GetCategoryTree {
  constructor(private readonly deps: Pick<AppDeps, "repos">) {}

  async execute(): Promise<Result<CategoryNode[], never>> {
    return ok(buildCategoryTree(await this.deps.repos.categories.findAll()));
  }
}

import { childPath } from "../catalog/catalog-rules.js";
import type { AttributeDefinition, Category } from "../catalog/category.js";
import {
  err,
  invalid,
  notFound,
  ok,
  type ConflictError,
  type ForbiddenError,
  type InvalidInputError,
  type NotFoundError,
  type Result,
} from "../errors.js";
import type { Repositories } from "../ports/unit-of-work.js";
import { authorize } from "./authorize.js";
import { invalidateCatalogCache } from "./catalog-cache.js";
import { slugTaken } from "./catalog-conflicts.js";
import { validateCategoryFields } from "./category-fields.js";
import { announceCategoryProductsChanged } from "./category-products-changed.js";
import { subtreeIds } from "./category-tree.js";
import type { AppDeps } from "./context.js";
import { recordAdminChange, type AdminCommand } from "./record-admin-change.js";

export interface UpdateCategoryInput extends AdminCommand {
  readonly categoryId: string;
  readonly name?: string;
  readonly slug?: string;
  /** Moves the category: null moves it to the root, absent leaves it where it is. */
  readonly parentId?: string | null;
  readonly position?: number;
  readonly attributeDefinitions?: readonly AttributeDefinition[];
}

type UpdateCategoryError = InvalidInputError | NotFoundError | ConflictError;

/**
 * Admin: renames, re-slugs or moves a category. Its path and the paths of all its descendants are
 * recomputed; a category cannot move under itself or one of its descendants.
 */
export class UpdateCategory {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "ids" | "clock" | "cache">) {}

  async execute(input: UpdateCategoryInput): Promise<Result<Category, UpdateCategoryError | ForbiddenError>> {
    const denied = authorize(input.actor, "catalog:write");
    if (denied !== null) return err(denied);
    const issues = validateCategoryFields(input);
    if (issues.length > 0) return err(invalid(...issues));

    const result = await this.deps.uow.run(async (tx): Promise<Result<Category, UpdateCategoryError>> => {
      const all = await tx.categories.findAll();
      const before = all.find((c) => c.id === input.categoryId);
      if (before === undefined) return err(notFound("category", input.categoryId));

      const parentId = input.parentId === undefined ? before.parentId : input.parentId;
      const parent = parentId === null ? null : all.find((c) => c.id === parentId);
      if (parent === undefined) return err(invalid({ path: "parentId", message: `category ${parentId} does not exist` }));
      if (parent !== null && subtreeIds(all, before.id).has(parent.id)) {
        return err(invalid({ path: "parentId", message: "a category cannot move under itself or one of its descendants" }));
      }
      const slug = input.slug ?? before.slug;
      if (all.some((c) => c.slug === slug && c.id !== before.id)) return err(slugTaken(slug));

      const after: Category = {
        ...before,
        name: input.name?.trim() ?? before.name,
        slug,
        parentId: parent?.id ?? null,
        path: childPath(parent?.path ?? null, slug),
        position: input.position ?? before.position,
        attributeDefinitions: input.attributeDefinitions ?? before.attributeDefinitions,
      };
      await tx.categories.save(after);
      if (after.path !== before.path) await movePaths(tx, all, before, after.path);
      if (after.path !== before.path || after.name !== before.name) await announceCategoryProductsChanged(tx, this.deps, after.id);
      await recordAdminChange(tx, this.deps, input, {
        action: "category.update",
        entityType: "category",
        entityId: after.id,
        before,
        after,
      });
      return ok(after);
    });
    if (result.ok) await invalidateCatalogCache(this.deps.cache);
    return result;
  }
}

// Parents are saved before their children (shorter paths first), so every saved path has its parent in place.
async function movePaths(tx: Repositories, all: readonly Category[], moved: Category, newPath: string): Promise<void> {
  const descendants = all.filter((c) => c.path.startsWith(`${moved.path}/`)).sort((a, b) => a.path.length - b.path.length);
  for (const category of descendants) {
    await tx.categories.save({ ...category, path: newPath + category.path.slice(moved.path.length) });
  }
}

import { childPath, slugify } from "../catalog/catalog-rules.js";
import type { AttributeDefinition, Category } from "../catalog/category.js";
import { err, invalid, ok, type ConflictError, type ForbiddenError, type InvalidInputError, type Result } from "../errors.js";
import { authorize } from "./authorize.js";
import { invalidateCatalogCache } from "./catalog-cache.js";
import { slugTaken } from "./catalog-conflicts.js";
import { validateCategoryFields } from "./category-fields.js";
import type { AppDeps } from "./context.js";
import { recordAdminChange, type AdminCommand } from "./record-admin-change.js";

export interface CreateCategoryInput extends AdminCommand {
  readonly name: string;
  /** Derived from the name when absent. Unique across the whole tree. */
  readonly slug?: string;
  readonly parentId?: string | null;
  readonly position?: number;
  readonly attributeDefinitions?: readonly AttributeDefinition[];
}

/** Admin: adds a category under a parent (or at the root). No product is affected, so no event is written. */
export class CreateCategory {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "ids" | "clock" | "cache">) {}

  async execute(input: CreateCategoryInput): Promise<Result<Category, InvalidInputError | ConflictError | ForbiddenError>> {
    const denied = authorize(input.actor, "catalog:write");
    if (denied !== null) return err(denied);
    const slug = input.slug ?? slugify(input.name);
    const issues = validateCategoryFields({ ...input, slug });
    if (issues.length > 0) return err(invalid(...issues));

    const result = await this.deps.uow.run(async (tx): Promise<Result<Category, InvalidInputError | ConflictError>> => {
      const parent = input.parentId == null ? null : await tx.categories.findById(input.parentId);
      if (input.parentId != null && parent === null)
        return err(invalid({ path: "parentId", message: `category ${input.parentId} does not exist` }));
      if ((await tx.categories.findBySlug(slug)) !== null) return err(slugTaken(slug));
      const category: Category = {
        id: this.deps.ids.next(),
        slug,
        name: input.name.trim(),
        parentId: parent?.id ?? null,
        path: childPath(parent?.path ?? null, slug),
        position: input.position ?? 0,
        attributeDefinitions: input.attributeDefinitions ?? [],
      };
      await tx.categories.save(category);
      await recordAdminChange(tx, this.deps, input, {
        action: "category.create",
        entityType: "category",
        entityId: category.id,
        before: null,
        after: category,
      });
      return ok(category);
    });
    if (result.ok) await invalidateCatalogCache(this.deps.cache);
    return result;
  }
}

import { err, invalid, notFound, ok, type ForbiddenError, type InvalidInputError, type NotFoundError, type Result } from "../errors.js";
import { authorize } from "./authorize.js";
import { invalidateCatalogCache } from "./catalog-cache.js";
import { announceCategoryProductsChanged } from "./category-products-changed.js";
import type { AppDeps } from "./context.js";
import { recordAdminChange, type AdminCommand } from "./record-admin-change.js";

export interface DeleteCategoryInput extends AdminCommand {
  readonly categoryId: string;
}

/** Admin: deletes a category without children; its products stay, filed under their other categories. */
export class DeleteCategory {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "ids" | "clock" | "cache">) {}

  async execute(input: DeleteCategoryInput): Promise<Result<void, InvalidInputError | NotFoundError | ForbiddenError>> {
    const denied = authorize(input.actor, "catalog:write");
    if (denied !== null) return err(denied);
    const result = await this.deps.uow.run(async (tx): Promise<Result<void, InvalidInputError | NotFoundError>> => {
      const all = await tx.categories.findAll();
      const category = all.find((c) => c.id === input.categoryId);
      if (category === undefined) return err(notFound("category", input.categoryId));
      if (all.some((c) => c.parentId === category.id)) {
        return err(invalid({ path: "categoryId", message: `category ${category.slug} has subcategories; move or delete them first` }));
      }
      // Announced before the delete, while the products are still linked and can be found.
      await announceCategoryProductsChanged(tx, this.deps, category.id);
      await tx.categories.delete(category.id);
      await recordAdminChange(tx, this.deps, input, {
        action: "category.delete",
        entityType: "category",
        entityId: category.id,
        before: category,
        after: null,
      });
      return ok(undefined);
    });
    if (result.ok) await invalidateCatalogCache(this.deps.cache);
    return result;
  }
}

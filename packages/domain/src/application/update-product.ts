import type { Product } from "../catalog/product.js";
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
import { authorize } from "./authorize.js";
import { invalidateCatalogCache } from "./catalog-cache.js";
import { slugTaken } from "./catalog-conflicts.js";
import type { AppDeps } from "./context.js";
import { announceProductChanged } from "./product-changed.js";
import type { ProductFieldsInput } from "./product-input.js";
import { productIssues } from "./product-issues.js";
import { recordAdminChange, type AdminCommand } from "./record-admin-change.js";

export interface UpdateProductInput extends AdminCommand, ProductFieldsInput {
  readonly productId: string;
}

type UpdateProductError = InvalidInputError | NotFoundError | ConflictError;

/** Admin: changes the product-level fields given; variants change through AddVariant and UpdateVariant. */
export class UpdateProduct {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "ids" | "clock" | "cache" | "settings">) {}

  async execute(input: UpdateProductInput): Promise<Result<Product, UpdateProductError | ForbiddenError>> {
    const denied = authorize(input.actor, "catalog:write");
    if (denied !== null) return err(denied);
    const result = await this.deps.uow.run(async (tx): Promise<Result<Product, UpdateProductError>> => {
      const before = await tx.products.findById(input.productId);
      if (before === null) return err(notFound("product", input.productId));
      const after: Product = {
        ...before,
        slug: input.slug ?? before.slug,
        name: input.name?.trim() ?? before.name,
        description: input.description ?? before.description,
        brand: input.brand === undefined ? before.brand : input.brand,
        status: input.status ?? before.status,
        featured: input.featured ?? before.featured,
        taxClass: input.taxClass ?? before.taxClass,
        categoryIds: input.categoryIds ?? before.categoryIds,
        images: input.images ?? before.images,
        attributes: input.attributes ?? before.attributes,
        relatedProductIds: input.relatedProductIds ?? before.relatedProductIds,
        updatedAt: this.deps.clock.now(),
      };
      const issues = await productIssues(tx, this.deps.settings, after);
      if (issues.length > 0) return err(invalid(...issues));
      if (after.slug !== before.slug && (await tx.products.findBySlug(after.slug)) !== null) return err(slugTaken(after.slug));

      await tx.products.save(after);
      await announceProductChanged(tx, this.deps, after);
      await recordAdminChange(tx, this.deps, input, { action: "product.update", entityType: "product", entityId: after.id, before, after });
      return ok(after);
    });
    if (result.ok) await invalidateCatalogCache(this.deps.cache);
    return result;
  }
}

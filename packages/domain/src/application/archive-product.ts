import type { Product } from "../catalog/product.js";
import { err, notFound, ok, type ForbiddenError, type NotFoundError, type Result } from "../errors.js";
import { authorize } from "./authorize.js";
import { invalidateCatalogCache } from "./catalog-cache.js";
import type { AppDeps } from "./context.js";
import { announceProductChanged } from "./product-changed.js";
import { recordAdminChange, type AdminCommand } from "./record-admin-change.js";

export interface ArchiveProductInput extends AdminCommand {
  readonly productId: string;
}

/**
 * Admin: the soft delete. An archived product leaves the store (lists, search, product pages,
 * carts) but stays on the orders that bought it. Archiving twice changes nothing the second time.
 */
export class ArchiveProduct {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "ids" | "clock" | "cache">) {}

  async execute(input: ArchiveProductInput): Promise<Result<Product, NotFoundError | ForbiddenError>> {
    const denied = authorize(input.actor, "catalog:write");
    if (denied !== null) return err(denied);
    const result = await this.deps.uow.run(async (tx): Promise<Result<{ product: Product; changed: boolean }, NotFoundError>> => {
      const before = await tx.products.findById(input.productId);
      if (before === null) return err(notFound("product", input.productId));
      if (before.status === "archived") return ok({ product: before, changed: false });
      const after: Product = { ...before, status: "archived", updatedAt: this.deps.clock.now() };
      await tx.products.save(after);
      await announceProductChanged(tx, this.deps, after);
      await recordAdminChange(tx, this.deps, input, {
        action: "product.archive",
        entityType: "product",
        entityId: after.id,
        before: { status: before.status },
        after: { status: after.status },
      });
      return ok({ product: after, changed: true });
    });
    if (!result.ok) return result;
    if (result.value.changed) await invalidateCatalogCache(this.deps.cache);
    return ok(result.value.product);
  }
}

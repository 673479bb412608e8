import type { Product, Variant, VariantStatus } from "../catalog/product.js";
import { err, invalid, notFound, ok, type ForbiddenError, type InvalidInputError, type NotFoundError, type Result } from "../errors.js";
import { authorize } from "./authorize.js";
import { invalidateCatalogCache } from "./catalog-cache.js";
import type { AppDeps } from "./context.js";
import { announceProductChanged } from "./product-changed.js";
import { productIssues } from "./product-issues.js";
import { recordAdminChange, type AdminCommand } from "./record-admin-change.js";

export interface UpdateVariantInput extends AdminCommand {
  readonly productId: string;
  readonly sku: string;
  readonly options?: Readonly<Record<string, string>>;
  /** Minor units. */
  readonly price?: number;
  /** `archived` takes the variant out of the store; SKUs are never deleted, orders refer to them. */
  readonly status?: VariantStatus;
  readonly lowStockThreshold?: number;
}

/** Admin: changes a variant's options, price, status or low-stock threshold. Stock changes go through AdjustStock. */
export class UpdateVariant {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "ids" | "clock" | "cache" | "settings">) {}

  async execute(input: UpdateVariantInput): Promise<Result<Product, InvalidInputError | NotFoundError | ForbiddenError>> {
    const denied = authorize(input.actor, "catalog:write");
    if (denied !== null) return err(denied);
    const result = await this.deps.uow.run(async (tx): Promise<Result<Product, InvalidInputError | NotFoundError>> => {
      const before = await tx.products.findById(input.productId);
      const index = before?.variants.findIndex((v) => v.sku === input.sku) ?? -1;
      const current = before?.variants[index];
      if (before === null || current === undefined) return err(notFound("variant", input.sku));
      const variant: Variant = {
        ...current,
        options: input.options ?? current.options,
        price: input.price ?? current.price,
        status: input.status ?? current.status,
        lowStockThreshold: input.lowStockThreshold ?? current.lowStockThreshold,
      };
      const after: Product = {
        ...before,
        variants: before.variants.map((v, i) => (i === index ? variant : v)),
        updatedAt: this.deps.clock.now(),
      };
      const issues = (await productIssues(tx, this.deps.settings, after))
        .filter((issue) => issue.path.startsWith(`variants[${index}]`))
        .map((issue) => ({ ...issue, path: issue.path.replace(`variants[${index}].`, "") }));
      if (issues.length > 0) return err(invalid(...issues));

      await tx.products.save(after);
      if (variant.lowStockThreshold !== current.lowStockThreshold) await tx.inventory.ensure(variant.sku, variant.lowStockThreshold);
      await announceProductChanged(tx, this.deps, after);
      await recordAdminChange(tx, this.deps, input, {
        action: "product.update_variant",
        entityType: "product",
        entityId: after.id,
        before: current,
        after: variant,
      });
      return ok(after);
    });
    if (result.ok) await invalidateCatalogCache(this.deps.cache);
    return result;
  }
}

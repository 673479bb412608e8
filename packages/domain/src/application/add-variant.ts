import type { Product, Variant } from "../catalog/product.js";
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
import { skuTaken } from "./catalog-conflicts.js";
import type { AppDeps } from "./context.js";
import { announceProductChanged } from "./product-changed.js";
import { toVariant, type VariantInput } from "./product-input.js";
import { productIssues, stockIssues } from "./product-issues.js";
import { recordAdminChange, type AdminCommand } from "./record-admin-change.js";
import { setStockOnHand } from "./set-stock-on-hand.js";
import { takenSkus } from "./taken-skus.js";

export interface AddVariantInput extends AdminCommand {
  readonly productId: string;
  readonly variant: VariantInput;
}

type AddVariantError = InvalidInputError | NotFoundError | ConflictError;

/** Admin: adds a variant (a new SKU) to a product, with its stock level and optional starting stock. */
export class AddVariant {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "ids" | "clock" | "cache" | "settings">) {}

  async execute(input: AddVariantInput): Promise<Result<Product, AddVariantError | ForbiddenError>> {
    const denied = authorize(input.actor, "catalog:write");
    if (denied !== null) return err(denied);
    const variant: Variant = toVariant(input.variant, this.deps.settings);
    const result = await this.deps.uow.run(async (tx): Promise<Result<Product, AddVariantError>> => {
      const before = await tx.products.findById(input.productId);
      if (before === null) return err(notFound("product", input.productId));
      if (before.variants.some((v) => v.sku === variant.sku)) return err(skuTaken([variant.sku]));
      const after: Product = { ...before, variants: [...before.variants, variant], updatedAt: this.deps.clock.now() };
      const index = before.variants.length;
      const issues = [...(await productIssues(tx, this.deps.settings, after)), ...stockIssues(input.variant.stock, "variant.stock")]
        .filter((issue) => !issue.path.startsWith("variants[") || issue.path.startsWith(`variants[${index}]`))
        .map((issue) => ({ ...issue, path: issue.path.replace(`variants[${index}]`, "variant") }));
      if (issues.length > 0) return err(invalid(...issues));
      const taken = await takenSkus(tx, after);
      if (taken.length > 0) return err(skuTaken(taken));

      await tx.products.save(after);
      await tx.inventory.ensure(variant.sku, variant.lowStockThreshold);
      if (input.variant.stock !== undefined && input.variant.stock > 0) {
        const outcome = await setStockOnHand(tx, this.deps, {
          sku: variant.sku,
          onHand: input.variant.stock,
          reason: "adjustment",
          actor: input.actor.id,
          note: "initial stock",
        });
        if (outcome === "below_reserved")
          return err(invalid({ path: "variant.stock", message: `is below the units of ${variant.sku} reserved by checkouts` }));
      }
      await announceProductChanged(tx, this.deps, after);
      await recordAdminChange(tx, this.deps, input, {
        action: "product.add_variant",
        entityType: "product",
        entityId: after.id,
        before: null,
        after: variant,
      });
      return ok(after);
    });
    if (result.ok) await invalidateCatalogCache(this.deps.cache);
    return result;
  }
}

import { slugify } from "../catalog/catalog-rules.js";
import type { Product } from "../catalog/product.js";
import { err, invalid, ok, type ConflictError, type ForbiddenError, type InvalidInputError, type Result } from "../errors.js";
import { authorize } from "./authorize.js";
import { invalidateCatalogCache } from "./catalog-cache.js";
import { skuTaken, slugTaken } from "./catalog-conflicts.js";
import type { AppDeps } from "./context.js";
import { announceProductChanged } from "./product-changed.js";
import { toVariant, type ProductFieldsInput, type VariantInput } from "./product-input.js";
import { productIssues, stockIssues } from "./product-issues.js";
import { recordAdminChange, type AdminCommand } from "./record-admin-change.js";
import { setStockOnHand } from "./set-stock-on-hand.js";
import { takenSkus } from "./taken-skus.js";

export interface CreateProductInput extends AdminCommand, ProductFieldsInput {
  readonly name: string;
  readonly variants: readonly VariantInput[];
}

type CreateProductError = InvalidInputError | ConflictError;

/**
 * Admin: creates a product with its variants. Each SKU gets a stock level; stock given with a
 * variant is booked as an `adjustment` movement. Slugs and SKUs are unique across the catalogue.
 */
export class CreateProduct {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "ids" | "clock" | "cache" | "settings">) {}

  async execute(input: CreateProductInput): Promise<Result<Product, CreateProductError | ForbiddenError>> {
    const denied = authorize(input.actor, "catalog:write");
    if (denied !== null) return err(denied);
    const stock = input.variants.flatMap((v, i) => stockIssues(v.stock, `variants[${i}].stock`));
    const now = this.deps.clock.now();
    const product: Product = {
      id: this.deps.ids.next(),
      slug: input.slug ?? slugify(input.name),
      name: input.name.trim(),
      description: input.description ?? "",
      brand: input.brand ?? null,
      status: input.status ?? "active",
      featured: input.featured ?? false,
      taxClass: input.taxClass ?? "standard",
      categoryIds: input.categoryIds ?? [],
      images: input.images ?? [],
      attributes: input.attributes ?? {},
      variants: input.variants.map((v) => toVariant(v, this.deps.settings)),
      rating: { average: 0, count: 0 },
      relatedProductIds: input.relatedProductIds ?? [],
      createdAt: now,
      updatedAt: now,
    };

    const result = await this.deps.uow.run(async (tx): Promise<Result<Product, CreateProductError>> => {
      const issues = [...(await productIssues(tx, this.deps.settings, product)), ...stock];
      if (issues.length > 0) return err(invalid(...issues));
      if ((await tx.products.findBySlug(product.slug)) !== null) return err(slugTaken(product.slug));
      const taken = await takenSkus(tx, product);
      if (taken.length > 0) return err(skuTaken(taken));

      await tx.products.save(product);
      for (const [i, variant] of input.variants.entries()) {
        const sku = variant.sku.trim();
        await tx.inventory.ensure(sku, variant.lowStockThreshold ?? this.deps.settings.lowStockThreshold);
        if (variant.stock === undefined || variant.stock === 0) continue;
        const outcome = await setStockOnHand(tx, this.deps, {
          sku,
          onHand: variant.stock,
          reason: "adjustment",
          actor: input.actor.id,
          note: "initial stock",
        });
        // Only a stock level left over from an earlier life of the SKU can hold reservations here.
        if (outcome === "below_reserved")
          return err(invalid({ path: `variants[${i}].stock`, message: `is below the units of ${sku} reserved by checkouts` }));
      }
      await announceProductChanged(tx, this.deps, product);
      await recordAdminChange(tx, this.deps, input, {
        action: "product.create",
        entityType: "product",
        entityId: product.id,
        before: null,
        after: product,
      });
      return ok(product);
    });
    if (result.ok) await invalidateCatalogCache(this.deps.cache);
    return result;
  }
}

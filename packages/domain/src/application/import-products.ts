import type { Product, Variant } from "../catalog/product.js";
import { err, ok, type ForbiddenError, type Result } from "../errors.js";
import type { Repositories } from "../ports/unit-of-work.js";
import { authorize } from "./authorize.js";
import { canonicalJson } from "./canonical-json.js";
import { invalidateCatalogCache } from "./catalog-cache.js";
import { CategoryPathResolver } from "./category-path-resolver.js";
import type { AppDeps } from "./context.js";
import { nameMismatch, productRowProblem, reject, variantRowProblem } from "./import-row-checks.js";
import { announceProductChanged } from "./product-changed.js";
import { toVariant } from "./product-input.js";
import { productIssues } from "./product-issues.js";
import type { ProductRow, RowOutcome } from "./product-row.js";
import { recordAdminChange, type AdminCommand } from "./record-admin-change.js";
import { setStockOnHand } from "./set-stock-on-hand.js";

export interface ImportProductsInput extends AdminCommand {
  /** One batch; the rows of one product should sit in the same batch (the first row of a product sets its fields). */
  readonly rows: readonly ProductRow[];
}

export interface ImportReport {
  readonly rows: readonly { readonly rowNumber: number; readonly sku: string; readonly outcome: RowOutcome }[];
  readonly counts: { readonly created: number; readonly updated: number; readonly unchanged: number; readonly rejected: number };
  readonly categoriesCreated: number;
}

/**
 * Admin: upserts a batch of variant rows in one transaction. Rows are grouped by product slug;
 * the first row of a product sets the product's fields and a later row with another name is
 * rejected. Missing categories are created. Stock given on a row is set with an `import`
 * movement when it differs. A row that changes nothing writes nothing, so importing the same
 * file twice reports every row `unchanged` the second time and leaves no trace.
 */
export class ImportProducts {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "ids" | "clock" | "cache" | "settings">) {}

  async execute(input: ImportProductsInput): Promise<Result<ImportReport, ForbiddenError>> {
    const denied = authorize(input.actor, "catalog:write");
    if (denied !== null) return err(denied);
    const result = await this.deps.uow.run(async (tx): Promise<Result<{ report: ImportReport; changed: boolean }, never>> => {
      const outcomes = new Map<ProductRow, RowOutcome>();
      const resolver = await CategoryPathResolver.load(tx, this.deps);
      const firstRowOfSku = new Map<string, number>();
      let changed = false;
      for (const rows of groupBySlug(input.rows)) {
        changed = (await this.importProduct(tx, resolver, rows, firstRowOfSku, outcomes, input)) || changed;
      }
      for (const category of resolver.created) {
        await recordAdminChange(tx, this.deps, input, {
          action: "category.create",
          entityType: "category",
          entityId: category.id,
          before: null,
          after: category,
        });
      }
      return ok({ report: report(input.rows, outcomes, resolver.created.length), changed: changed || resolver.created.length > 0 });
    });
    if (!result.ok) return result;
    if (result.value.changed) await invalidateCatalogCache(this.deps.cache);
    return ok(result.value.report);
  }

  /** Imports the rows of one product; true when anything was written. */
  private async importProduct(
    tx: Repositories,
    resolver: CategoryPathResolver,
    rows: readonly ProductRow[],
    firstRowOfSku: Map<string, number>,
    outcomes: Map<ProductRow, RowOutcome>,
    command: AdminCommand,
  ): Promise<boolean> {
    const head = rows[0];
    if (head === undefined) return false;
    const headProblem = productRowProblem(head, this.deps.settings, resolver);
    if (headProblem !== null) {
      for (const row of rows) outcomes.set(row, headProblem);
      return false;
    }

    const slug = head.product.trim();
    const existing = await tx.products.findBySlug(slug);
    const skus = rows.map((r) => r.sku.trim());
    const owners = new Map((await tx.products.findManyBySkus(skus)).flatMap((p) => p.variants.map((v) => [v.sku, p] as const)));
    const levels = new Map((await tx.inventory.findManyBySkus(skus)).map((l) => [l.sku, l]));

    const before = new Map((existing?.variants ?? []).map((v) => [v.sku, v]));
    const working = new Map(before);
    const accepted: ProductRow[] = [];
    for (const row of rows) {
      const sku = row.sku.trim();
      const rejection = nameMismatch(row, head) ?? variantRowProblem(row, firstRowOfSku, owners.get(sku), levels.get(sku));
      if (!firstRowOfSku.has(sku)) firstRowOfSku.set(sku, row.rowNumber);
      if (rejection !== null) {
        outcomes.set(row, rejection);
        continue;
      }
      const variant = this.variantOf(row, before.get(sku));
      const twin = [...working.values()].find((v) => v.sku !== sku && canonicalJson(v.options) === canonicalJson(variant.options));
      if (twin !== undefined) {
        outcomes.set(row, reject("options", `are the same as those of ${twin.sku}; each variant of a product needs its own options`));
        continue;
      }
      working.set(sku, variant);
      accepted.push(row);
    }
    if (accepted.length === 0) return false;

    const now = this.deps.clock.now();
    const categoryIds = head.categoryPaths.length === 0 ? (existing?.categoryIds ?? []) : await resolveAll(resolver, head.categoryPaths);
    const product: Product = {
      id: existing?.id ?? this.deps.ids.next(),
      slug,
      name: head.name.trim(),
      description: head.description ?? existing?.description ?? "",
      brand: head.brand === undefined ? (existing?.brand ?? null) : head.brand,
      status: head.status ?? existing?.status ?? "active",
      featured: head.featured ?? existing?.featured ?? false,
      taxClass: head.taxClass ?? existing?.taxClass ?? "standard",
      categoryIds,
      images: head.images.length === 0 ? (existing?.images ?? []) : head.images,
      attributes: Object.keys(head.attributes).length === 0 ? (existing?.attributes ?? {}) : head.attributes,
      variants: [...working.values()],
      rating: existing?.rating ?? { average: 0, count: 0 },
      relatedProductIds: existing?.relatedProductIds ?? [],
      createdAt: existing?.createdAt ?? now,
      updatedAt: existing?.updatedAt ?? now,
    };
    const issues = await productIssues(tx, this.deps.settings, product);
    const firstIssue = issues[0];
    if (firstIssue !== undefined) {
      for (const row of accepted) outcomes.set(row, reject(firstIssue.path, firstIssue.message));
      return false;
    }

    const productChanged = existing === null || canonicalJson(productFields(existing)) !== canonicalJson(productFields(product));
    const variantsChanged = accepted.some(
      (row) => canonicalJson(before.get(row.sku.trim()) ?? null) !== canonicalJson(working.get(row.sku.trim())),
    );
    const saved = productChanged || variantsChanged ? { ...product, updatedAt: now } : product;
    if (saved !== product) await tx.products.save(saved);

    let stockChanged = false;
    for (const row of accepted) {
      const sku = row.sku.trim();
      const variant = working.get(sku);
      if (variant === undefined) continue;
      if (!levels.has(sku)) await tx.inventory.ensure(sku, variant.lowStockThreshold);
      const stock =
        row.stock === undefined
          ? "unchanged"
          : await setStockOnHand(tx, this.deps, {
              sku,
              onHand: row.stock,
              reason: "import",
              actor: command.actor.id,
              note: `import row ${row.rowNumber}`,
            });
      stockChanged = stockChanged || stock === "changed";
      const variantChanged = canonicalJson(before.get(sku) ?? null) !== canonicalJson(variant);
      outcomes.set(row, !before.has(sku) ? "created" : productChanged || variantChanged || stock === "changed" ? "updated" : "unchanged");
    }

    if (saved === product && !stockChanged) return false;
    await announceProductChanged(tx, this.deps, saved);
    await recordAdminChange(tx, this.deps, command, {
      action: "product.import",
      entityType: "product",
      entityId: saved.id,
      before: existing,
      after: saved,
    });
    return true;
  }

  private variantOf(row: ProductRow, stored: Variant | undefined): Variant {
    if (stored === undefined) return toVariant({ sku: row.sku, options: row.options, price: row.price }, this.deps.settings);
    return { ...stored, options: { ...row.options }, price: row.price };
  }
}

function groupBySlug(rows: readonly ProductRow[]): ProductRow[][] {
  const groups = new Map<string, ProductRow[]>();
  for (const row of rows) {
    const slug = row.product.trim();
    groups.set(slug, [...(groups.get(slug) ?? []), row]);
  }
  return [...groups.values()];
}

async function resolveAll(resolver: CategoryPathResolver, paths: readonly (readonly string[])[]): Promise<string[]> {
  const ids: string[] = [];
  for (const path of paths) ids.push(await resolver.resolve(path));
  return [...new Set(ids)];
}

// Everything an import can change at the product level; variants and timestamps are compared on their own.
function productFields(product: Product): unknown {
  const { variants: _variants, updatedAt: _updatedAt, createdAt: _createdAt, ...fields } = product;
  return fields;
}

function report(rows: readonly ProductRow[], outcomes: ReadonlyMap<ProductRow, RowOutcome>, categoriesCreated: number): ImportReport {
  const counts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const reported = rows.map((row) => {
    const outcome = outcomes.get(row) ?? reject("sku", "was not processed");
    counts[typeof outcome === "string" ? outcome : "rejected"] += 1;
    return { rowNumber: row.rowNumber, sku: row.sku, outcome };
  });
  return { rows: reported, counts, categoriesCreated };
}

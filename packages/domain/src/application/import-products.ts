import type { Product, Variant } from "../catalog/product.js";
import { err, ok, type FieldIssue, type ForbiddenError, type Result } from "../errors.js";
import type { DomainEvent } from "../events/domain-event.js";
import type { StockLevel } from "../inventory/stock.js";
import type { AuditEntry } from "../ports/audit-log.js";
import type { Repositories } from "../ports/unit-of-work.js";
import { authorize } from "./authorize.js";
import { canonicalJson } from "./canonical-json.js";
import { invalidateCatalogCache } from "./catalog-cache.js";
import { CategoryPathResolver } from "./category-path-resolver.js";
import type { AppDeps } from "./context.js";
import { nameMismatch, productRowProblem, reject, variantRowProblem } from "./import-row-checks.js";
import { productChangedEvent } from "./product-changed.js";
import { toVariant } from "./product-input.js";
import { productRuleIssues } from "./product-issues.js";
import type { ProductRow, RowOutcome } from "./product-row.js";
import type { AdminCommand } from "./record-admin-change.js";
import { stockEvents, type StockChange } from "./stock-changes.js";

export interface ImportProductsInput extends AdminCommand {
  /** One batch; the rows of one product should sit in the same batch (the first row of a product sets its fields). */
  readonly rows: readonly ProductRow[];
}

export interface ImportReport {
  readonly rows: readonly { readonly rowNumber: number; readonly sku: string; readonly outcome: RowOutcome }[];
  readonly counts: { readonly created: number; readonly updated: number; readonly unchanged: number; readonly rejected: number };
  readonly categoriesCreated: number;
}

/** A stock change the batch wants: the row that asked for it and the difference from the level read. */
interface WantedStock {
  readonly row: ProductRow;
  readonly sku: string;
  readonly delta: number;
}

/** One product of the batch whose rows passed their checks, with what it will write. */
interface PlannedProduct {
  readonly existing: Product | null;
  readonly saved: Product;
  readonly accepted: readonly ProductRow[];
  readonly before: ReadonlyMap<string, Variant>;
  /** Whether the product row or its variants change (it is saved then). */
  readonly changed: boolean;
  readonly productChanged: boolean;
  readonly stock: readonly WantedStock[];
}

/** What the batch read up front, with one query each. */
interface BatchReads {
  readonly bySlug: ReadonlyMap<string, Product>;
  readonly owners: ReadonlyMap<string, Product>;
  readonly levels: ReadonlyMap<string, StockLevel>;
  /** Ids of the products the batch's existing products name as related, as they exist now. */
  readonly relatedIds: ReadonlySet<string>;
}

/**
 * Admin: upserts a batch of variant rows in one transaction. Rows are grouped by product slug;
 * the first row of a product sets the product's fields and a later row with another name is
 * rejected. Missing categories are created. Stock given on a row is set with an `import`
 * movement when it differs. A row that changes nothing writes nothing, so importing the same
 * file twice reports every row `unchanged` the second time and leaves no trace.
 *
 * The batch reads with a few set-based queries (its products by slug and by SKU, their stock
 * levels), decides every row in memory, then writes in bulk: products, new stock levels, stock
 * deltas, movements, outbox events and audit entries each as one array.
 */
export class ImportProducts {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "ids" | "clock" | "cache" | "settings">) {}

  async execute(input: ImportProductsInput): Promise<Result<ImportReport, ForbiddenError>> {
    const denied = authorize(input.actor, "catalog:write");
    if (denied !== null) return err(denied);
    const result = await this.deps.uow.run(async (tx): Promise<Result<{ report: ImportReport; changed: boolean }, never>> => {
      const outcomes = new Map<ProductRow, RowOutcome>();
      const resolver = await CategoryPathResolver.load(tx, this.deps);
      const groups: ProductRow[][] = [];
      for (const rows of groupBySlug(input.rows)) {
        const head = rows[0];
        if (head === undefined) continue;
        const headProblem = productRowProblem(head, this.deps.settings, resolver);
        if (headProblem === null) groups.push(rows);
        else for (const row of rows) outcomes.set(row, headProblem);
      }
      const reads = await readBatch(tx, groups);
      const firstRowOfSku = new Map<string, number>();
      const planned: PlannedProduct[] = [];
      for (const rows of groups) {
        const plan = await this.planProduct(resolver, rows, reads, firstRowOfSku, outcomes);
        if (plan !== null) planned.push(plan);
      }
      const changed = await this.write(tx, planned, resolver, reads, outcomes, input);
      return ok({ report: report(input.rows, outcomes, resolver.created.length), changed: changed || resolver.created.length > 0 });
    });
    if (!result.ok) return result;
    if (result.value.changed) await invalidateCatalogCache(this.deps.cache);
    return ok(result.value.report);
  }

  /** Decides the rows of one product from what the batch read; null when none of them can be imported. */
  private async planProduct(
    resolver: CategoryPathResolver,
    rows: readonly ProductRow[],
    reads: BatchReads,
    firstRowOfSku: Map<string, number>,
    outcomes: Map<ProductRow, RowOutcome>,
  ): Promise<PlannedProduct | null> {
    const head = rows[0];
    if (head === undefined) return null;
    const slug = head.product.trim();
    const existing = reads.bySlug.get(slug) ?? null;

    const before = new Map((existing?.variants ?? []).map((v) => [v.sku, v]));
    const working = new Map(before);
    const accepted: ProductRow[] = [];
    for (const row of rows) {
      const sku = row.sku.trim();
      const rejection = nameMismatch(row, head) ?? variantRowProblem(row, firstRowOfSku, reads.owners.get(sku), reads.levels.get(sku));
      if (!firstRowOfSku.has(sku)) firstRowOfSku.set(sku, row.rowNumber);
      if (rejection !== null) {
        outcomes.set(row, rejection);
        continue;
      }
      const variant = this.variantOf(row, before.get(sku));
      const options = canonicalJson(variant.options);
      const twin = [...working.values()].find((v) => v.sku !== sku && canonicalJson(v.options) === options);
      if (twin !== undefined) {
        outcomes.set(row, reject("options", `are the same as those of ${twin.sku}; each variant of a product needs its own options`));
        continue;
      }
      working.set(sku, variant);
      accepted.push(row);
    }
    if (accepted.length === 0) return null;

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
    const firstIssue = importIssues(this.deps.settings, product, resolver, reads.relatedIds)[0];
    if (firstIssue !== undefined) {
      for (const row of accepted) outcomes.set(row, reject(firstIssue.path, firstIssue.message));
      return null;
    }

    const productChanged = existing === null || canonicalJson(productFields(existing)) !== canonicalJson(productFields(product));
    const variantsChanged = accepted.some(
      (row) => canonicalJson(before.get(row.sku.trim()) ?? null) !== canonicalJson(working.get(row.sku.trim())),
    );
    const changed = productChanged || variantsChanged;
    const stock: WantedStock[] = [];
    for (const row of accepted) {
      if (row.stock === undefined) continue;
      const sku = row.sku.trim();
      const delta = row.stock - (reads.levels.get(sku)?.onHand ?? 0);
      if (delta !== 0) stock.push({ row, sku, delta });
    }
    return { existing, saved: changed ? { ...product, updatedAt: now } : product, accepted, before, changed, productChanged, stock };
  }

  /**
   * Writes the planned products in bulk and sets each accepted row's outcome; true when anything
   * was written. Order matters for the foreign keys: variants, then their stock levels, then movements.
   */
  private async write(
    tx: Repositories,
    planned: readonly PlannedProduct[],
    resolver: CategoryPathResolver,
    reads: BatchReads,
    outcomes: Map<ProductRow, RowOutcome>,
    command: AdminCommand,
  ): Promise<boolean> {
    await tx.products.saveMany(planned.filter((p) => p.changed).map((p) => p.saved));
    await tx.inventory.ensureMany(
      planned.flatMap((p) =>
        p.accepted.flatMap((row) => {
          const sku = row.sku.trim();
          const variant = p.saved.variants.find((v) => v.sku === sku);
          return reads.levels.has(sku) || variant === undefined ? [] : [{ sku, lowStockThreshold: variant.lowStockThreshold }];
        }),
      ),
    );
    const wanted = planned.flatMap((p) => p.stock);
    const applied = await tx.inventory.applyDeltas(wanted.map(({ sku, delta }) => ({ sku, delta: { onHand: delta, reserved: 0 } })));
    const moved = new Map<string, StockChange>();
    wanted.forEach(({ delta }, i) => {
      const after = applied[i];
      // Refused (null): checkouts took stock since the batch read it; the row keeps the stock it had.
      if (after !== null && after !== undefined) moved.set(after.sku, { before: { ...after, onHand: after.onHand - delta }, after });
    });
    const now = this.deps.clock.now();
    await tx.inventory.insertMovements(
      wanted.flatMap(({ row, sku, delta }) =>
        moved.has(sku)
          ? [
              {
                id: this.deps.ids.next(),
                sku,
                delta,
                reason: "import" as const,
                actor: command.actor.id,
                note: `import row ${row.rowNumber}`,
                orderId: null,
                at: now,
              },
            ]
          : [],
      ),
    );

    const events: DomainEvent[] = [];
    const audit: AuditEntry[] = [];
    const entry = (change: Omit<AuditEntry, "id" | "actor" | "requestId" | "at">): AuditEntry => ({
      id: this.deps.ids.next(),
      actor: command.actor.id,
      requestId: command.requestId ?? null,
      at: now,
      ...change,
    });
    let written = false;
    for (const plan of planned) {
      const stockChanges = plan.stock.flatMap(({ sku }) => moved.get(sku) ?? []);
      for (const row of plan.accepted) {
        const sku = row.sku.trim();
        const variantChanged =
          canonicalJson(plan.before.get(sku) ?? null) !== canonicalJson(plan.saved.variants.find((v) => v.sku === sku));
        outcomes.set(
          row,
          !plan.before.has(sku) ? "created" : plan.productChanged || variantChanged || moved.has(sku) ? "updated" : "unchanged",
        );
      }
      if (!plan.changed && stockChanges.length === 0) continue;
      written = true;
      events.push(...stockEvents(this.deps, stockChanges), productChangedEvent(this.deps, plan.saved));
      audit.push(
        entry({ action: "product.import", entityType: "product", entityId: plan.saved.id, before: plan.existing, after: plan.saved }),
      );
    }
    for (const category of resolver.created) {
      audit.push(entry({ action: "category.create", entityType: "category", entityId: category.id, before: null, after: category }));
    }
    await tx.outbox.append(events);
    await tx.audit.appendMany(audit);
    return written;
  }

  private variantOf(row: ProductRow, stored: Variant | undefined): Variant {
    if (stored === undefined) return toVariant({ sku: row.sku, options: row.options, price: row.price }, this.deps.settings);
    return { ...stored, options: { ...row.options }, price: row.price };
  }
}

/** The batch's products by slug and by SKU, their stock levels, and the related products they name. */
async function readBatch(tx: Repositories, groups: readonly (readonly ProductRow[])[]): Promise<BatchReads> {
  const slugs = groups.flatMap((rows) => (rows[0] === undefined ? [] : [rows[0].product.trim()]));
  const skus = [...new Set(groups.flatMap((rows) => rows.map((row) => row.sku.trim())).filter((sku) => sku !== ""))];
  const [bySlug, bySku, levels] = await Promise.all([
    tx.products.findManyBySlugs(slugs),
    tx.products.findManyBySkus(skus),
    tx.inventory.findManyBySkus(skus),
  ]);
  const related = [...new Set(bySlug.flatMap((p) => p.relatedProductIds))];
  const relatedIds = new Set((await tx.products.findManyByIds(related)).map((p) => p.id));
  return {
    bySlug: new Map(bySlug.map((p) => [p.slug, p])),
    owners: new Map(bySku.flatMap((p) => p.variants.map((v) => [v.sku, p] as const))),
    levels: new Map(levels.map((l) => [l.sku, l])),
    relatedIds,
  };
}

/** `productIssues` with the lookups answered from what the batch holds. */
function importIssues(
  settings: AppDeps["settings"],
  product: Product,
  resolver: CategoryPathResolver,
  relatedIds: ReadonlySet<string>,
): FieldIssue[] {
  const issues = productRuleIssues(settings, product);
  product.categoryIds.forEach((id, i) => {
    if (!resolver.has(id)) issues.push({ path: `categoryIds[${i}]`, message: `category ${id} does not exist` });
  });
  product.relatedProductIds.forEach((id, i) => {
    if (id === product.id) issues.push({ path: `relatedProductIds[${i}]`, message: "a product cannot be related to itself" });
    else if (!relatedIds.has(id)) issues.push({ path: `relatedProductIds[${i}]`, message: `product ${id} does not exist` });
  });
  return issues;
}

function groupBySlug(rows: readonly ProductRow[]): ProductRow[][] {
  const groups = new Map<string, ProductRow[]>();
  for (const row of rows) {
    const slug = row.product.trim();
    const group = groups.get(slug);
    if (group === undefined) groups.set(slug, [row]);
    else group.push(row);
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

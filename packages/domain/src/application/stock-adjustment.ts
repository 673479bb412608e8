import { findVariant } from "../catalog/catalog-rules.js";
import { err, invalid, ok, type InvalidInputError, type NotFoundError, type Result } from "../errors.js";
import type { MovementReason, StockLevel } from "../inventory/stock.js";
import type { Repositories } from "../ports/unit-of-work.js";
import type { AppDeps } from "./context.js";
import { recordAdminChange, type AdminCommand } from "./record-admin-change.js";
import { recordMovements, stockEvents } from "./stock-changes.js";

/** The reasons an admin or an import may give; `sale` is only ever written by checkout. */
export const MANUAL_MOVEMENT_REASONS: readonly MovementReason[] = ["adjustment", "import", "restock", "return"];

export interface StockAdjustment extends AdminCommand {
  readonly sku: string;
  readonly reason: MovementReason;
  readonly note?: string | null;
}

type Deps = Pick<AppDeps, "ids" | "clock" | "settings">;

/**
 * The stock level of `sku` inside `tx`, created at zero when the SKU is in the catalogue but has
 * no level yet; `inventory.not_found` when no product has the SKU.
 */
export async function loadStockLevel(tx: Repositories, deps: Deps, sku: string): Promise<Result<StockLevel, NotFoundError>> {
  const [level] = await tx.inventory.findManyBySkus([sku]);
  if (level !== undefined) return ok(level);
  const [product] = await tx.products.findManyBySkus([sku]);
  const variant = product === undefined ? undefined : findVariant(product, sku);
  if (variant === undefined)
    return err({ code: "inventory.not_found", message: `No product has SKU ${sku}; check the SKU or create the variant first.` });
  await tx.inventory.ensure(sku, variant.lowStockThreshold);
  return ok({ sku, onHand: 0, reserved: 0, lowStockThreshold: variant.lowStockThreshold });
}

/** Issues with an adjustment's reason (path `reason`). */
export function reasonIssues(reason: MovementReason): InvalidInputError | null {
  if (MANUAL_MOVEMENT_REASONS.includes(reason)) return null;
  return invalid({ path: "reason", message: `must be one of ${MANUAL_MOVEMENT_REASONS.join(", ")}` });
}

/**
 * Changes on-hand by `delta` inside `tx`: a conditional update refused when it would fall below
 * what checkouts hold, then the movement row, `stock.changed` (+ `stock.low`) and the audit entry.
 */
export async function applyStockAdjustment(
  tx: Repositories,
  deps: Deps,
  adjustment: StockAdjustment,
  change: { readonly delta: number; readonly action: string; readonly field: string },
): Promise<Result<StockLevel, InvalidInputError>> {
  const { delta, action } = change;
  const after = await tx.inventory.applyDelta(adjustment.sku, { onHand: delta, reserved: 0 });
  if (after === null) {
    const [level] = await tx.inventory.findManyBySkus([adjustment.sku]);
    const detail = level === undefined ? "" : ` (${level.onHand} on hand, ${level.reserved} reserved by checkouts)`;
    return err(
      invalid({
        path: change.field,
        message: `a change of ${delta} would take ${adjustment.sku} below the units reserved by checkouts${detail}`,
      }),
    );
  }
  const before: StockLevel = { ...after, onHand: after.onHand - delta };
  const moved = { before, after };
  await recordMovements(tx, deps, [moved], {
    reason: adjustment.reason,
    actor: adjustment.actor.id,
    orderId: null,
    note: adjustment.note ?? null,
  });
  await tx.outbox.append(stockEvents(deps, [moved]));
  await recordAdminChange(tx, deps, adjustment, { action, entityType: "stock", entityId: adjustment.sku, before, after });
  return ok(after);
}

import type { MovementReason } from "../inventory/stock.js";
import type { Repositories } from "../ports/unit-of-work.js";
import type { AppDeps } from "./context.js";
import { recordMovements, stockEvents } from "./stock-changes.js";

export type SetStockOutcome = "unchanged" | "changed" | "below_reserved";

/**
 * Sets the on-hand stock of an existing stock level to `onHand` for a catalogue write (new
 * variant, import): the difference becomes one movement, with `stock.changed` (and `stock.low`)
 * events. Refused, with nothing written, when it would fall below what checkouts hold.
 */
export async function setStockOnHand(
  tx: Pick<Repositories, "inventory" | "outbox">,
  deps: Pick<AppDeps, "ids" | "clock">,
  change: { readonly sku: string; readonly onHand: number; readonly reason: MovementReason; readonly actor: string; readonly note: string },
): Promise<SetStockOutcome> {
  const [level] = await tx.inventory.findManyBySkus([change.sku]);
  if (level === undefined) throw new Error(`no stock level for ${change.sku}; call inventory.ensure first`);
  const delta = change.onHand - level.onHand;
  if (delta === 0) return "unchanged";
  const after = await tx.inventory.applyDelta(change.sku, { onHand: delta, reserved: 0 });
  if (after === null) return "below_reserved";
  const moved = [{ before: level, after }];
  await recordMovements(tx, deps, moved, { reason: change.reason, actor: change.actor, orderId: null, note: change.note });
  await tx.outbox.append(stockEvents(deps, moved));
  return "changed";
}

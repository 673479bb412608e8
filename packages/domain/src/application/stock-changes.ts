import { err, ok, type Result, type StockInsufficientError } from "../errors.js";
import { createEvent } from "../events/create-event.js";
import type { DomainEvent } from "../events/domain-event.js";
import { isLowStock, shortfalls, stockInsufficient, sumLines } from "../inventory/reservation.js";
import { available, type MovementReason, type ReservationLine, type StockDelta, type StockLevel } from "../inventory/stock.js";
import type { Repositories } from "../ports/unit-of-work.js";
import { ConcurrentUpdateError } from "./concurrent-update.js";
import type { AppDeps } from "./context.js";

/** One applied stock change: the level before and after it. */
export interface StockChange {
  readonly before: StockLevel;
  readonly after: StockLevel;
}

type Tx = Pick<Repositories, "inventory">;
type Deps = Pick<AppDeps, "ids" | "clock">;

/** Who and why, for movement rows. */
export interface MovementContext {
  readonly reason: MovementReason;
  readonly actor: string;
  readonly orderId: string | null;
  readonly note?: string | null;
}

/**
 * Holds every line for a checkout, one SKU at a time in SKU order (so concurrent checkouts
 * never wait on each other in a cycle), each through the conditional `applyDelta`. When one is
 * refused the result names every short SKU; the caller must then roll its transaction back,
 * which undoes the lines already held.
 */
export async function reserveStock(tx: Tx, lines: readonly ReservationLine[]): Promise<Result<StockChange[], StockInsufficientError>> {
  const summed = sumLines(lines);
  const changes: StockChange[] = [];
  for (const line of summed) {
    const after = await tx.inventory.applyDelta(line.sku, { onHand: 0, reserved: line.quantity });
    if (after === null) return err(await describeShortfall(tx, summed, changes, line));
    changes.push({ before: { ...after, reserved: after.reserved - line.quantity }, after });
  }
  return ok(changes);
}

/** Releases held stock (cancel, expiry). Refusal means the reservation was not holding it: a broken invariant. */
export async function releaseStock(tx: Tx, lines: readonly ReservationLine[]): Promise<StockChange[]> {
  return applyEach(tx, lines, (q) => ({ onHand: 0, reserved: -q }), "release");
}

/** Turns held stock into a sale: on hand and reserved both drop, with a `sale` movement per SKU. */
export async function commitStock(tx: Tx, deps: Deps, lines: readonly ReservationLine[], context: MovementContext): Promise<StockChange[]> {
  const changes = await applyEach(tx, lines, (q) => ({ onHand: -q, reserved: -q }), "commit");
  await recordMovements(tx, deps, changes, context);
  return changes;
}

/**
 * Sells stock that is not held (a payment that arrived after its reservation lapsed): all lines
 * or none. Null when any line is short now; nothing is written then.
 */
export async function sellUnheldStock(
  tx: Tx,
  deps: Deps,
  lines: readonly ReservationLine[],
  context: MovementContext,
): Promise<StockChange[] | null> {
  const summed = sumLines(lines);
  const levels = await tx.inventory.findManyBySkus(summed.map((l) => l.sku));
  if (shortfalls(levels, summed).length > 0) return null;
  const changes = await applyEach(tx, summed, (q) => ({ onHand: -q, reserved: 0 }), "sell");
  await recordMovements(tx, deps, changes, context);
  return changes;
}

/** Puts units back on hand (restock after a cancel, return after a refund), with a movement per SKU. */
export async function restockLines(
  tx: Tx,
  deps: Deps,
  lines: readonly ReservationLine[],
  context: MovementContext,
): Promise<StockChange[]> {
  const changes = await applyEach(tx, lines, (q) => ({ onHand: q, reserved: 0 }), "restock");
  await recordMovements(tx, deps, changes, context);
  return changes;
}

/** Writes one movement row per change of on-hand. */
export async function recordMovements(tx: Tx, deps: Deps, changes: readonly StockChange[], context: MovementContext): Promise<void> {
  for (const change of changes) {
    const delta = change.after.onHand - change.before.onHand;
    if (delta === 0) continue;
    await tx.inventory.insertMovement({
      id: deps.ids.next(),
      sku: change.after.sku,
      delta,
      reason: context.reason,
      actor: context.actor,
      note: context.note ?? null,
      orderId: context.orderId,
      at: deps.clock.now(),
    });
  }
}

/** `stock.changed` for every change, and `stock.low` for each SKU that has just fallen to its threshold. */
export function stockEvents(deps: Deps, changes: readonly StockChange[]): DomainEvent[] {
  const now = deps.clock.now();
  return changes.flatMap(({ before, after }) => {
    const events: DomainEvent[] = [
      createEvent(
        "stock.changed",
        {
          sku: after.sku,
          onHand: after.onHand,
          reserved: after.reserved,
          available: available(after),
          previousAvailable: available(before),
        },
        { id: deps.ids.next(), now },
      ),
    ];
    if (isLowStock(after) && !isLowStock(before)) {
      events.push(
        createEvent(
          "stock.low",
          {
            sku: after.sku,
            onHand: after.onHand,
            reserved: after.reserved,
            available: available(after),
            threshold: after.lowStockThreshold,
          },
          { id: deps.ids.next(), now },
        ),
      );
    }
    return events;
  });
}

async function applyEach(
  tx: Tx,
  lines: readonly ReservationLine[],
  delta: (quantity: number) => StockDelta,
  what: string,
): Promise<StockChange[]> {
  const changes: StockChange[] = [];
  for (const line of sumLines(lines)) {
    const step = delta(line.quantity);
    const after = await tx.inventory.applyDelta(line.sku, step);
    if (after === null) {
      // The row moved under us (another writer, or a broken invariant): roll back and let the caller retry.
      throw new ConcurrentUpdateError(`could not ${what} ${line.quantity} of ${line.sku}: the stock level no longer allows it`);
    }
    changes.push({ before: { ...after, onHand: after.onHand - step.onHand, reserved: after.reserved - step.reserved }, after });
  }
  return changes;
}

// Levels read now include what this transaction already held, so add that back before judging.
async function describeShortfall(
  tx: Tx,
  lines: readonly ReservationLine[],
  held: readonly StockChange[],
  refused: ReservationLine,
): Promise<StockInsufficientError> {
  const ours = new Map(held.map((c) => [c.after.sku, c.after.reserved - c.before.reserved]));
  const levels = (await tx.inventory.findManyBySkus(lines.map((l) => l.sku))).map((level) => ({
    ...level,
    reserved: level.reserved - (ours.get(level.sku) ?? 0),
  }));
  const missing = shortfalls(levels, lines);
  if (missing.length > 0) return stockInsufficient(missing);
  // Stock came back between the refusal and the read: report the refused line as it was refused.
  const level = levels.find((l) => l.sku === refused.sku);
  return stockInsufficient([
    { sku: refused.sku, requested: refused.quantity, available: level === undefined ? 0 : Math.max(available(level), 0) },
  ]);
}

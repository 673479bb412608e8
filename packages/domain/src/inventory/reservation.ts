import { err, ok, type Result, type StockInsufficientError, type StockShortfall } from "../errors.js";
import { applyStockDelta, available, type Reservation, type ReservationLine, type StockLevel } from "./stock.js";

/**
 * Merges lines of one SKU (quantities summed; zero-quantity lines dropped) and sorts them by SKU:
 * the order in which stock rows are locked, so two checkouts never wait on each other in a cycle.
 */
export function sumLines(lines: readonly ReservationLine[]): ReservationLine[] {
  const totals = new Map<string, number>();
  for (const line of lines) {
    assertQuantity(line.quantity, line.sku);
    totals.set(line.sku, (totals.get(line.sku) ?? 0) + line.quantity);
  }
  return [...totals]
    .filter(([, quantity]) => quantity > 0)
    .map(([sku, quantity]) => ({ sku, quantity }))
    .sort((a, b) => (a.sku < b.sku ? -1 : 1));
}

/** The summed lines that ask for more than is available; a SKU without a stock level has none available. */
export function shortfalls(levels: readonly StockLevel[], lines: readonly ReservationLine[]): StockShortfall[] {
  const bySku = new Map(levels.map((level) => [level.sku, level]));
  const result: StockShortfall[] = [];
  for (const line of sumLines(lines)) {
    const level = bySku.get(line.sku);
    const free = level === undefined ? 0 : Math.max(available(level), 0);
    if (line.quantity > free) result.push({ sku: line.sku, requested: line.quantity, available: free });
  }
  return result;
}

/** The `stock.insufficient` error naming every short SKU. */
export function stockInsufficient(missing: readonly StockShortfall[]): StockInsufficientError {
  const detail = missing.map((s) => `${s.sku} (requested ${s.requested}, available ${s.available})`).join(", ");
  return {
    code: "stock.insufficient",
    message: `Not enough stock for ${detail}; lower the quantity or remove the item.`,
    skus: missing,
  };
}

/**
 * Reserves every line or none: the new levels of the reserved SKUs in lock order,
 * or `stock.insufficient` naming each short SKU.
 */
export function reserveAll(levels: readonly StockLevel[], lines: readonly ReservationLine[]): Result<StockLevel[], StockInsufficientError> {
  const missing = shortfalls(levels, lines);
  if (missing.length > 0) return err(stockInsufficient(missing));
  const bySku = new Map(levels.map((level) => [level.sku, level]));
  const reserved: StockLevel[] = [];
  for (const line of sumLines(lines)) {
    const level = bySku.get(line.sku);
    const next = level === undefined ? null : reserveLevel(level, line.quantity);
    // Unreachable after the shortfall check; kept so a broken invariant cannot pass silently.
    if (next === null) throw new Error(`reserving ${line.quantity} of ${line.sku} broke the stock invariant`);
    reserved.push(next);
  }
  return ok(reserved);
}

/** Holds `quantity` for a checkout; null when fewer are available. */
export function reserveLevel(level: StockLevel, quantity: number): StockLevel | null {
  assertQuantity(quantity, level.sku);
  return applyStockDelta(level, { onHand: 0, reserved: quantity });
}

/** Turns held stock into a sale (payment succeeded): on hand and reserved both drop; null when not that much is reserved. */
export function commitLevel(level: StockLevel, quantity: number): StockLevel | null {
  assertQuantity(quantity, level.sku);
  return applyStockDelta(level, { onHand: -quantity, reserved: -quantity });
}

/** Gives held stock back (cancel or expiry); null when not that much is reserved. */
export function releaseLevel(level: StockLevel, quantity: number): StockLevel | null {
  assertQuantity(quantity, level.sku);
  return applyStockDelta(level, { onHand: 0, reserved: -quantity });
}

/** Changes on hand by `delta` (import, adjustment, restock); null when it would fall below what is reserved. */
export function adjustLevel(level: StockLevel, delta: number): StockLevel | null {
  if (!Number.isSafeInteger(delta)) throw new RangeError(`stock adjustment of ${level.sku} must be an integer, got ${delta}`);
  return applyStockDelta(level, { onHand: delta, reserved: 0 });
}

/** A new active reservation of the summed lines, expiring `ttlSeconds` after `now`. */
export function createReservation(args: {
  readonly id: string;
  readonly lines: readonly ReservationLine[];
  readonly now: Date;
  readonly ttlSeconds: number;
}): Reservation {
  return {
    id: args.id,
    status: "active",
    lines: sumLines(args.lines),
    expiresAt: new Date(args.now.getTime() + args.ttlSeconds * 1000),
    createdAt: args.now,
  };
}

/** Whether the reservation no longer holds stock because its time ran out (active past `expiresAt`, or marked expired). */
export function isExpired(reservation: Reservation, now: Date): boolean {
  if (reservation.status === "expired") return true;
  return reservation.status === "active" && now.getTime() >= reservation.expiresAt.getTime();
}

/** Whether available stock has fallen to the low-stock threshold. */
export function isLowStock(level: StockLevel): boolean {
  return available(level) <= level.lowStockThreshold;
}

function assertQuantity(quantity: number, sku: string): void {
  if (!Number.isSafeInteger(quantity) || quantity < 0)
    throw new RangeError(`quantity of ${sku} must be a non-negative integer, got ${quantity}`);
}

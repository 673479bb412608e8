/** Stock of one SKU. Invariant: `0 <= reserved <= onHand`. */
export interface StockLevel {
  readonly sku: string;
  readonly onHand: number;
  readonly reserved: number;
  readonly lowStockThreshold: number;
}

/** A change to apply to a stock level; the change is refused if it would break the invariant. */
export interface StockDelta {
  readonly onHand: number;
  readonly reserved: number;
}

export type MovementReason = "import" | "adjustment" | "sale" | "restock" | "return";

/** One change of `onHand`, with why and by whom. */
export interface StockMovement {
  readonly id: string;
  readonly sku: string;
  readonly delta: number;
  readonly reason: MovementReason;
  readonly actor: string;
  readonly note: string | null;
  readonly orderId: string | null;
  readonly at: Date;
}

export type ReservationStatus = "active" | "committed" | "released" | "expired";

export interface ReservationLine {
  readonly sku: string;
  readonly quantity: number;
}

/** Stock held for a checkout until payment (commit) or cancellation/expiry (release). */
export interface Reservation {
  readonly id: string;
  readonly status: ReservationStatus;
  readonly lines: readonly ReservationLine[];
  readonly expiresAt: Date;
  readonly createdAt: Date;
}

/** `onHand - reserved`. */
export const available = (level: StockLevel): number => level.onHand - level.reserved;

/** Applies a delta when the result keeps `0 <= reserved <= onHand`; returns null otherwise. */
export function applyStockDelta(level: StockLevel, delta: StockDelta): StockLevel | null {
  const onHand = level.onHand + delta.onHand;
  const reserved = level.reserved + delta.reserved;
  if (reserved < 0 || reserved > onHand) return null;
  return { ...level, onHand, reserved };
}

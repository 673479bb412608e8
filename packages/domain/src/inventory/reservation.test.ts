import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  adjustLevel,
  commitLevel,
  createReservation,
  isExpired,
  isLowStock,
  releaseLevel,
  reserveAll,
  reserveLevel,
  shortfalls,
  stockInsufficient,
  sumLines,
} from "./reservation.js";
import type { Reservation, StockLevel } from "./stock.js";

const level = (sku: string, onHand: number, reserved = 0, lowStockThreshold = 5): StockLevel => ({
  sku,
  onHand,
  reserved,
  lowStockThreshold,
});

describe("sumLines", () => {
  it("merges lines of one SKU and sorts by SKU, the lock order", () => {
    expect(
      sumLines([
        { sku: "B", quantity: 1 },
        { sku: "A", quantity: 2 },
        { sku: "B", quantity: 3 },
        { sku: "C", quantity: 0 },
      ]),
    ).toEqual([
      { sku: "A", quantity: 2 },
      { sku: "B", quantity: 4 },
    ]);
  });

  it("refuses negative or fractional quantities", () => {
    expect(() => sumLines([{ sku: "A", quantity: -1 }])).toThrow(/quantity of A/);
    expect(() => sumLines([{ sku: "A", quantity: 1.5 }])).toThrow(RangeError);
  });
});

describe("shortfalls and reserveAll", () => {
  const levels = [level("A", 10, 8), level("B", 5)];

  it("checks the summed quantity of a SKU that appears on two lines", () => {
    const lines = [
      { sku: "B", quantity: 3 },
      { sku: "B", quantity: 3 },
    ];
    expect(shortfalls(levels, lines)).toEqual([{ sku: "B", requested: 6, available: 5 }]);
  });

  it("treats a SKU without a stock level as having none", () => {
    expect(shortfalls(levels, [{ sku: "Z", quantity: 1 }])).toEqual([{ sku: "Z", requested: 1, available: 0 }]);
  });

  it("reserves every line or none", () => {
    const okResult = reserveAll(levels, [
      { sku: "B", quantity: 5 },
      { sku: "A", quantity: 2 },
    ]);
    expect(okResult).toEqual({ ok: true, value: [level("A", 10, 10), level("B", 5, 5)] });

    const refused = reserveAll(levels, [
      { sku: "A", quantity: 3 },
      { sku: "B", quantity: 1 },
      { sku: "Z", quantity: 1 },
    ]);
    expect(refused).toEqual({
      ok: false,
      error: {
        code: "stock.insufficient",
        message: "Not enough stock for A (requested 3, available 2), Z (requested 1, available 0); lower the quantity or remove the item.",
        skus: [
          { sku: "A", requested: 3, available: 2 },
          { sku: "Z", requested: 1, available: 0 },
        ],
      },
    });
  });

  it("builds stock.insufficient from shortfalls", () => {
    expect(stockInsufficient([{ sku: "A", requested: 2, available: 1 }]).code).toBe("stock.insufficient");
  });
});

describe("level operations", () => {
  it("reserve, commit and release keep 0 <= reserved <= onHand", () => {
    expect(reserveLevel(level("A", 5, 2), 3)).toEqual(level("A", 5, 5));
    expect(reserveLevel(level("A", 5, 2), 4)).toBeNull();
    expect(commitLevel(level("A", 5, 3), 2)).toEqual(level("A", 3, 1));
    expect(commitLevel(level("A", 5, 1), 2)).toBeNull();
    expect(releaseLevel(level("A", 5, 3), 3)).toEqual(level("A", 5, 0));
    expect(releaseLevel(level("A", 5, 1), 2)).toBeNull();
    expect(adjustLevel(level("A", 5, 3), -2)).toEqual(level("A", 3, 3));
    expect(adjustLevel(level("A", 5, 3), -3)).toBeNull();
    expect(adjustLevel(level("A", 5, 0), 10)).toEqual(level("A", 15, 0));
  });

  it("refuses negative quantities instead of silently reversing the operation", () => {
    expect(() => releaseLevel(level("A", 5, 0), -1)).toThrow(/non-negative integer/);
    expect(() => adjustLevel(level("A", 5, 0), 0.5)).toThrow(/must be an integer/);
  });

  it("flags low stock when available falls to the threshold", () => {
    expect(isLowStock(level("A", 10, 4, 5))).toBe(false);
    expect(isLowStock(level("A", 10, 5, 5))).toBe(true);
    expect(isLowStock(level("A", 0, 0, 0))).toBe(true);
  });

  it("reserve then release restores the stock exactly", () => {
    const levelsArb = fc.uniqueArray(
      fc
        .record({ sku: fc.constantFrom("A", "B", "C", "D", "E"), onHand: fc.nat(50), reserved: fc.nat(50), lowStockThreshold: fc.nat(10) })
        .map((l) => ({
          ...l,
          reserved: Math.min(l.reserved, l.onHand),
        })),
      { selector: (l) => l.sku, minLength: 1 },
    );
    const linesArb = fc.array(
      fc.record({ sku: fc.constantFrom("A", "B", "C", "D", "E", "F"), quantity: fc.integer({ min: 1, max: 20 }) }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(levelsArb, linesArb, (levels, lines) => {
        const reserved = reserveAll(levels, lines);
        if (!reserved.ok) {
          expect(reserved.error.skus.length).toBeGreaterThan(0);
          return;
        }
        const summed = sumLines(lines);
        const released = reserved.value.map((l, i) => releaseLevel(l, summed[i]?.quantity ?? 0));
        const before = summed.map((line) => levels.find((l) => l.sku === line.sku));
        expect(released).toEqual(before);
      }),
    );
  });
});

describe("reservations", () => {
  const now = new Date("2025-01-01T10:00:00Z");
  const reservation: Reservation = createReservation({
    id: "res-1",
    lines: [
      { sku: "B", quantity: 1 },
      { sku: "A", quantity: 1 },
      { sku: "B", quantity: 1 },
    ],
    now,
    ttlSeconds: 900,
  });

  it("is created active with summed lines and an expiry ttl seconds later", () => {
    expect(reservation).toEqual({
      id: "res-1",
      status: "active",
      lines: [
        { sku: "A", quantity: 1 },
        { sku: "B", quantity: 2 },
      ],
      expiresAt: new Date("2025-01-01T10:15:00Z"),
      createdAt: now,
    });
  });

  it("expires at expiresAt while still holding stock", () => {
    expect(isExpired(reservation, new Date("2025-01-01T10:14:59.999Z"))).toBe(false);
    expect(isExpired(reservation, new Date("2025-01-01T10:15:00Z"))).toBe(true);
    expect(isExpired({ ...reservation, status: "committed" }, new Date("2025-01-02T00:00:00Z"))).toBe(false);
    expect(isExpired({ ...reservation, status: "released" }, new Date("2025-01-02T00:00:00Z"))).toBe(false);
    expect(isExpired({ ...reservation, status: "expired" }, now)).toBe(true);
  });
});

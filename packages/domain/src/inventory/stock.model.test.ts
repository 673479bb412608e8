import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adjustLevel, commitLevel, releaseLevel, reserveLevel } from "./reservation.js";
import { available, type StockLevel } from "./stock.js";

// The model: two plain counters and the rules of DESIGN §2 written out directly.
interface Model {
  onHand: number;
  reserved: number;
}
interface Real {
  level: StockLevel;
}

type Operation = "reserve" | "commit" | "release" | "adjust";

class StockCommand implements fc.Command<Model, Real> {
  constructor(
    readonly operation: Operation,
    readonly amount: number,
  ) {}

  check(): boolean {
    return true;
  }

  run(model: Model, real: Real): void {
    const { allowed, next } = this.expected(model);
    const result = this.apply(real.level);
    if (!allowed) {
      expect(result).toBeNull();
    } else {
      expect(result).not.toBeNull();
      real.level = result!;
      model.onHand = next.onHand;
      model.reserved = next.reserved;
    }
    expect(real.level.onHand).toBe(model.onHand);
    expect(real.level.reserved).toBe(model.reserved);
    expect(0 <= real.level.reserved && real.level.reserved <= real.level.onHand).toBe(true);
    expect(available(real.level)).toBeGreaterThanOrEqual(0);
  }

  toString(): string {
    return `${this.operation}(${this.amount})`;
  }

  private expected(model: Model): { allowed: boolean; next: Model } {
    const { onHand, reserved } = model;
    switch (this.operation) {
      case "reserve":
        return { allowed: onHand - reserved >= this.amount, next: { onHand, reserved: reserved + this.amount } };
      case "commit":
        return { allowed: reserved >= this.amount, next: { onHand: onHand - this.amount, reserved: reserved - this.amount } };
      case "release":
        return { allowed: reserved >= this.amount, next: { onHand, reserved: reserved - this.amount } };
      case "adjust":
        return { allowed: onHand + this.amount >= reserved, next: { onHand: onHand + this.amount, reserved } };
    }
  }

  private apply(level: StockLevel): StockLevel | null {
    switch (this.operation) {
      case "reserve":
        return reserveLevel(level, this.amount);
      case "commit":
        return commitLevel(level, this.amount);
      case "release":
        return releaseLevel(level, this.amount);
      case "adjust":
        return adjustLevel(level, this.amount);
    }
  }
}

const commands = [
  fc.integer({ min: 0, max: 20 }).map((n) => new StockCommand("reserve", n)),
  fc.integer({ min: 0, max: 20 }).map((n) => new StockCommand("commit", n)),
  fc.integer({ min: 0, max: 20 }).map((n) => new StockCommand("release", n)),
  fc.integer({ min: -20, max: 30 }).map((n) => new StockCommand("adjust", n)),
];

describe("stock level (model-based)", () => {
  it("keeps 0 <= reserved <= onHand and matches the model under any sequence of operations", () => {
    fc.assert(
      fc.property(fc.nat(30), fc.commands(commands, { maxCommands: 60 }), (onHand, cmds) => {
        const model: Model = { onHand, reserved: 0 };
        const real: Real = { level: { sku: "SKU-1", onHand, reserved: 0, lowStockThreshold: 5 } };
        fc.modelRun(() => ({ model, real }), cmds);
      }),
    );
  });
});

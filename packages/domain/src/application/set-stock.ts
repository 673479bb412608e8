import { err, invalid, ok, type ForbiddenError, type InvalidInputError, type NotFoundError, type Result } from "../errors.js";
import type { StockLevel } from "../inventory/stock.js";
import { authorize } from "./authorize.js";
import type { AppDeps } from "./context.js";
import { applyStockAdjustment, loadStockLevel, reasonIssues, type StockAdjustment } from "./stock-adjustment.js";

export interface SetStockInput extends StockAdjustment {
  /** The counted number of units on hand. */
  readonly onHand: number;
}

/**
 * Admin or import: sets on hand to a counted number, booking the difference as one movement.
 * Setting the current number changes nothing and records nothing.
 */
export class SetStock {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "ids" | "clock" | "settings">) {}

  async execute(input: SetStockInput): Promise<Result<StockLevel, InvalidInputError | NotFoundError | ForbiddenError>> {
    const denied = authorize(input.actor, "inventory:write");
    if (denied !== null) return err(denied);
    if (!Number.isSafeInteger(input.onHand) || input.onHand < 0)
      return err(invalid({ path: "onHand", message: "must be a whole number of at least 0" }));
    const badReason = reasonIssues(input.reason);
    if (badReason !== null) return err(badReason);

    return this.deps.uow.run(async (tx): Promise<Result<StockLevel, InvalidInputError | NotFoundError>> => {
      const level = await loadStockLevel(tx, this.deps, input.sku);
      if (!level.ok) return level;
      const delta = input.onHand - level.value.onHand;
      if (delta === 0) return ok(level.value);
      return applyStockAdjustment(tx, this.deps, input, { delta, action: "inventory.set", field: "onHand" });
    });
  }
}

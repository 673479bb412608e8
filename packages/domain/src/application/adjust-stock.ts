import { err, invalid, type ForbiddenError, type InvalidInputError, type NotFoundError, type Result } from "../errors.js";
import type { StockLevel } from "../inventory/stock.js";
import { authorize } from "./authorize.js";
import type { AppDeps } from "./context.js";
import { applyStockAdjustment, loadStockLevel, reasonIssues, type StockAdjustment } from "./stock-adjustment.js";

export interface AdjustStockInput extends StockAdjustment {
  /** Units to add (positive) or remove (negative) from on hand. */
  readonly delta: number;
}

/** Admin: adds or removes units of a SKU with a reason; on hand never falls below what checkouts hold. */
export class AdjustStock {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "ids" | "clock" | "settings">) {}

  async execute(input: AdjustStockInput): Promise<Result<StockLevel, InvalidInputError | NotFoundError | ForbiddenError>> {
    const denied = authorize(input.actor, "inventory:write");
    if (denied !== null) return err(denied);
    if (!Number.isSafeInteger(input.delta) || input.delta === 0)
      return err(invalid({ path: "delta", message: "must be a non-zero whole number" }));
    const badReason = reasonIssues(input.reason);
    if (badReason !== null) return err(badReason);

    return this.deps.uow.run(async (tx): Promise<Result<StockLevel, InvalidInputError | NotFoundError>> => {
      const level = await loadStockLevel(tx, this.deps, input.sku);
      if (!level.ok) return level;
      return applyStockAdjustment(tx, this.deps, input, { delta: input.delta, action: "inventory.adjust", field: "delta" });
    });
  }
}

import { available, type MovementReason, type StockLevel as DomainStockLevel } from "@emporium/domain";
import { z } from "@hono/zod-openapi";
import { PageQuery, strictBody } from "./common.js";

/** Every movement reason but `sale`, which only checkout writes. */
export const MANUAL_REASONS = ["adjustment", "restock", "return", "import"] as const satisfies readonly Exclude<MovementReason, "sale">[];

export const AdjustStockBody = strictBody({
  delta: z.number().int().openapi({ description: "Units to add (positive) or remove (negative) from on hand; not 0", example: 12 }),
  reason: z.enum(MANUAL_REASONS).openapi({ description: "Recorded on the stock movement" }),
  note: z.string().max(500).nullable().optional().openapi({ example: "Delivery from the supplier" }),
}).openapi("AdjustStock");

export const StockLevel = z
  .object({
    sku: z.string().openapi({ example: "TEE-BLUE-M" }),
    onHand: z.number().int(),
    reserved: z.number().int().openapi({ description: "Held by checkouts awaiting payment" }),
    available: z.number().int().openapi({ description: "onHand - reserved" }),
    lowStockThreshold: z.number().int(),
    lowStock: z.boolean().openapi({ description: "available <= lowStockThreshold" }),
  })
  .openapi("StockLevel");

export const InventoryQuery = PageQuery.extend({
  lowStock: z
    .enum(["true"])
    .default("true")
    .openapi({ description: "Lists the SKUs whose available units are at or below their threshold, by SKU (the only listing so far)" }),
});

export type StockLevelJson = z.infer<typeof StockLevel>;

export function toStockLevelJson(level: DomainStockLevel): StockLevelJson {
  const free = available(level);
  return {
    sku: level.sku,
    onHand: level.onHand,
    reserved: level.reserved,
    available: free,
    lowStockThreshold: level.lowStockThreshold,
    lowStock: free <= level.lowStockThreshold,
  };
}

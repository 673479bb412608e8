import { err, ok, type ForbiddenError, type InvalidInputError, type Result } from "../errors.js";
import type { SkuStockSales } from "../ports/report-repository.js";
import { dayOf, type CalendarDay } from "../reports/calendar-day.js";
import { stockCover, type StockCover } from "../reports/stock-cover.js";
import { authorize } from "./authorize.js";
import type { Actor, AppDeps } from "./context.js";
import { offsetPage } from "./offset-page.js";

export interface GetInventoryReportInput {
  readonly actor: Actor;
  /** Only SKUs at or below their low-stock threshold. */
  readonly lowStock?: boolean;
  readonly limit?: number;
  readonly cursor?: string | null;
}

export interface InventoryRow extends SkuStockSales, StockCover {
  /** onHand - reserved. */
  readonly available: number;
  /** available <= lowStockThreshold. */
  readonly lowStock: boolean;
}

export interface InventoryReport {
  readonly asOf: CalendarDay;
  /** The rates are measured over the last `windowDays` × 24 hours. */
  readonly windowDays: number;
  readonly totals: { readonly skus: number; readonly lowStock: number; readonly outOfStock: number };
  /** Soonest to run out first; SKUs that did not sell (no projection) last. */
  readonly items: readonly InventoryRow[];
  readonly nextCursor: string | null;
}

export const SALES_WINDOW_DAYS = 30;

/**
 * Admin: stock of every sellable SKU with its rate of sale over the last 30 days, days of cover
 * and predicted stock-out date, soonest first; low-stock SKUs flagged (or alone with `lowStock`).
 */
export class GetInventoryReport {
  constructor(private readonly deps: Pick<AppDeps, "reports" | "clock">) {}

  async execute(input: GetInventoryReportInput): Promise<Result<InventoryReport, ForbiddenError | InvalidInputError>> {
    const denied = authorize(input.actor, "reports:read");
    if (denied !== null) return err(denied);
    const now = this.deps.clock.now();
    const today = dayOf(now);
    const since = new Date(now.getTime() - SALES_WINDOW_DAYS * 86_400_000);
    const rows = (await this.deps.reports.stockSales(since)).map((sku): InventoryRow => {
      const available = sku.onHand - sku.reserved;
      return {
        ...sku,
        available,
        lowStock: available <= sku.lowStockThreshold,
        ...stockCover(available, sku.unitsSold, SALES_WINDOW_DAYS, today),
      };
    });
    const listed = rows.filter((row) => input.lowStock !== true || row.lowStock).sort(soonestOut);
    const page = offsetPage(listed, input.limit, input.cursor);
    if (!page.ok) return page;
    return ok({
      asOf: today,
      windowDays: SALES_WINDOW_DAYS,
      totals: {
        skus: rows.length,
        lowStock: rows.filter((row) => row.lowStock).length,
        outOfStock: rows.filter((row) => row.available <= 0).length,
      },
      items: page.value.items,
      nextCursor: page.value.nextCursor,
    });
  }
}

function soonestOut(a: InventoryRow, b: InventoryRow): number {
  const coverA = a.daysOfCover ?? Number.POSITIVE_INFINITY;
  const coverB = b.daysOfCover ?? Number.POSITIVE_INFINITY;
  if (coverA !== coverB) return coverA < coverB ? -1 : 1;
  return a.available - b.available || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);
}

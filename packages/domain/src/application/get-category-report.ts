import type { Category } from "../catalog/category.js";
import { err, invalid, ok, type ForbiddenError, type InvalidInputError, type Result } from "../errors.js";
import type { ReportFreshness } from "../ports/report-repository.js";
import { dayOf, type CalendarDay } from "../reports/calendar-day.js";
import { authorize } from "./authorize.js";
import type { Actor, AppDeps } from "./context.js";
import { DEFAULT_RANKING_DAYS, rankSales, SALES_RANKINGS, share, type SalesRanking } from "./get-product-report.js";
import { pageLimit } from "./page-limit.js";
import { reportRange, type ReportRangeInput } from "./report-range.js";

export interface GetCategoryReportInput extends ReportRangeInput {
  readonly actor: Actor;
  readonly sort?: SalesRanking;
  readonly limit?: number;
  readonly refresh?: boolean;
}

export interface CategorySalesRow {
  /** Null for products without a category. */
  readonly category: Category | null;
  /** Products of the category that sold. */
  readonly products: number;
  readonly units: number;
  readonly revenue: number;
  readonly revenueShare: number;
}

export interface CategoryReport {
  readonly from: CalendarDay;
  readonly to: CalendarDay;
  readonly currency: string;
  readonly sort: SalesRanking;
  readonly items: readonly CategorySalesRow[];
  readonly totals: { readonly categories: number; readonly units: number; readonly revenue: number };
  readonly freshness: ReportFreshness;
}

/**
 * Admin: sales by category between two days, best first. Each product counts once, under its
 * primary category, so the rows add up to the product report's totals.
 */
export class GetCategoryReport {
  constructor(private readonly deps: Pick<AppDeps, "reports" | "repos" | "clock" | "settings">) {}

  async execute(input: GetCategoryReportInput): Promise<Result<CategoryReport, ForbiddenError | InvalidInputError>> {
    const denied = authorize(input.actor, "reports:read");
    if (denied !== null) return err(denied);
    const sort = input.sort ?? "revenue";
    if (!SALES_RANKINGS.includes(sort)) return err(invalid({ path: "sort", message: `must be one of ${SALES_RANKINGS.join(", ")}` }));
    const range = reportRange(input, dayOf(this.deps.clock.now()), DEFAULT_RANKING_DAYS);
    if (!range.ok) return range;

    const { reports, repos } = this.deps;
    if (input.refresh === true) await reports.refresh();
    const sales = await reports.productSales(range.value);
    const groups = new Map<string | null, { products: number; units: number; revenue: number }>();
    for (const product of sales) {
      const group = groups.get(product.primaryCategoryId) ?? { products: 0, units: 0, revenue: 0 };
      groups.set(product.primaryCategoryId, {
        products: group.products + 1,
        units: group.units + product.units,
        revenue: group.revenue + product.revenue,
      });
    }
    const categories = new Map((await repos.categories.findAll()).map((category) => [category.id, category]));
    const total = sales.reduce((sum, p) => sum + p.revenue, 0);
    // A category deleted since keeps its sales, shown with the uncategorized ones.
    const rows = [...groups].map(([id, figures]) => ({ category: id === null ? null : (categories.get(id) ?? null), ...figures }));
    const merged = mergeUncategorized(rows);
    const ranked = rankSales(merged, sort, (row) => row.category?.path ?? "").slice(0, pageLimit(input.limit));
    return ok({
      ...range.value,
      currency: this.deps.settings.currency,
      sort,
      items: ranked.map((row) => ({ ...row, revenueShare: share(row.revenue, total) })),
      totals: { categories: merged.length, units: sales.reduce((sum, p) => sum + p.units, 0), revenue: total },
      freshness: await reports.freshness(),
    });
  }
}

type Row = Omit<CategorySalesRow, "revenueShare">;

function mergeUncategorized(rows: readonly Row[]): Row[] {
  const known = rows.filter((row) => row.category !== null);
  const loose = rows.filter((row) => row.category === null);
  if (loose.length === 0) return known;
  const sum = (pick: (row: Row) => number) => loose.reduce((total, row) => total + pick(row), 0);
  return [...known, { category: null, products: sum((r) => r.products), units: sum((r) => r.units), revenue: sum((r) => r.revenue) }];
}

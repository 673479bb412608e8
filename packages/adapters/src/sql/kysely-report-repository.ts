import { sql, type Kysely, type RawBuilder } from "kysely";
import type {
  CustomerStats,
  DailySales,
  DayRange,
  ProductSales,
  ProductStatus,
  ReportFreshness,
  ReportRepository,
  SkuStockSales,
} from "@emporium/domain";
import { addDays } from "@emporium/domain";
import { fromJson, iso, toDate } from "./codec.js";
import type { Database, SqlDialect } from "./database.js";

// Kept in step with the materialized views of migration 0014, which PostgreSQL reads instead.
const REACHED_PAID = sql.raw(`('paid', 'shipped', 'delivered', 'refunded')`);
const KEPT = sql.raw(`('paid', 'shipped', 'delivered')`);
export const ANALYTICS_REFRESHED_AT = "analytics.refreshed_at";

interface SalesRow {
  day: string;
  orders: number;
  units: number;
  revenue: number;
  refunds: number;
  refunded_amount: number;
}

interface ProductSalesRow {
  product_id: string;
  orders: number;
  units: number;
  revenue: number;
}

/**
 * The report aggregates. On PostgreSQL daily sales and product sales come from the
 * materialized views of migration 0014 (`refresh` brings them up to date); on SQLite the same
 * figures are computed live by the same definitions. Customer stats and stock are live on both.
 */
export class KyselyReportRepository implements ReportRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async dailySales(range: DayRange): Promise<DailySales[]> {
    const rows = this.dialect === "postgres" ? await this.snapshotDailySales(range) : await this.liveDailySales(range);
    return rows
      .map((row) => ({
        day: row.day,
        orders: Number(row.orders),
        units: Number(row.units),
        revenue: Number(row.revenue),
        refunds: Number(row.refunds),
        refundedAmount: Number(row.refunded_amount),
      }))
      .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }

  async productSales(range: DayRange): Promise<ProductSales[]> {
    const sales = this.dialect === "postgres" ? this.snapshotProductSales(range) : this.liveProductSales(range);
    const { rows } = await sql<ProductSalesRow & { slug: string; name: string; status: string; category_id: string | null }>`
      select s.product_id, s.orders, s.units, s.revenue, p.slug, p.name, p.status, pc.category_id
      from (${sales}) s
      join products p on p.id = s.product_id
      left join product_categories pc on pc.product_id = s.product_id and pc.position = 0`.execute(this.db);
    return rows
      .map((row) => ({
        productId: row.product_id,
        slug: row.slug,
        name: row.name,
        status: row.status as ProductStatus,
        primaryCategoryId: row.category_id,
        orders: Number(row.orders),
        units: Number(row.units),
        revenue: Number(row.revenue),
      }))
      .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
  }

  async customerStats(): Promise<CustomerStats[]> {
    const rows = await this.db.selectFrom("customer_stats").selectAll().execute();
    return rows.map(toCustomerStats).sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  }

  async customerStatsFor(customerIds: readonly string[]): Promise<CustomerStats[]> {
    if (customerIds.length === 0) return [];
    const rows = await this.db
      .selectFrom("customer_stats")
      .selectAll()
      .where("customer_id", "in", [...customerIds])
      .execute();
    return rows.map(toCustomerStats);
  }

  async stockSales(since: Date): Promise<SkuStockSales[]> {
    const rows = await this.db
      .selectFrom("variants as v")
      .innerJoin("products as p", "p.id", "v.product_id")
      .innerJoin("stock_levels as s", "s.sku", "v.sku")
      .leftJoin(
        (eb) =>
          eb
            .selectFrom("inventory_movements")
            .select((m) => ["sku", m.fn.sum<number>("delta").as("delta")])
            .where("reason", "=", "sale")
            .where("at", ">=", iso(since))
            .groupBy("sku")
            .as("m"),
        (join) => join.onRef("m.sku", "=", "v.sku"),
      )
      .select(["v.sku", "v.product_id", "v.options", "p.slug", "p.name", "s.on_hand", "s.reserved", "s.low_stock_threshold", "m.delta"])
      .where("v.status", "=", "active")
      .where("p.status", "!=", "archived")
      .execute();
    return rows
      .map((row) => ({
        sku: row.sku,
        productId: row.product_id,
        productSlug: row.slug,
        productName: row.name,
        options: fromJson<Record<string, string>>(row.options),
        onHand: row.on_hand,
        reserved: row.reserved,
        lowStockThreshold: row.low_stock_threshold,
        // Sale movements take units off the shelf: their deltas are negative.
        unitsSold: row.delta === null ? 0 : -Number(row.delta),
      }))
      .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  }

  async freshness(): Promise<ReportFreshness> {
    if (this.dialect !== "postgres") return { source: "live", refreshedAt: null };
    const row = await this.db.selectFrom("settings").select("value").where("key", "=", ANALYTICS_REFRESHED_AT).executeTakeFirst();
    return { source: "snapshot", refreshedAt: row === undefined ? null : new Date(row.value) };
  }

  async refresh(): Promise<void> {
    if (this.dialect === "postgres") await sql`select analytics_refresh()`.execute(this.db);
  }

  private async snapshotDailySales({ from, to }: DayRange): Promise<SalesRow[]> {
    return this.db.selectFrom("analytics_sales_daily").selectAll().where("day", ">=", from).where("day", "<=", to).execute();
  }

  private async liveDailySales(range: DayRange): Promise<SalesRow[]> {
    const { start, end } = instants(range);
    const { rows } = await sql<SalesRow>`
      select day, sum(orders) as orders, sum(units) as units, sum(revenue) as revenue,
        sum(refunds) as refunds, sum(refunded_amount) as refunded_amount
      from (
        select substr(o.created_at, 1, 10) as day, 1 as orders,
          coalesce((select sum(l.quantity) from order_lines l where l.order_id = o.id), 0) as units,
          o.total as revenue, 0 as refunds, 0 as refunded_amount
        from orders o
        where o.status in ${REACHED_PAID} and o.created_at >= ${start} and o.created_at < ${end}
        union all
        select substr(t.at, 1, 10), 0, 0, 0, 1, o.total
        from order_transitions t join orders o on o.id = t.order_id
        where t.to_status = 'refunded' and t.at >= ${start} and t.at < ${end}
      ) facts
      group by day`.execute(this.db);
    return rows;
  }

  private snapshotProductSales({ from, to }: DayRange): RawBuilder<ProductSalesRow> {
    return sql<ProductSalesRow>`
      select product_id, sum(orders) as orders, sum(units) as units, sum(revenue) as revenue
      from analytics_product_sales_daily
      where day >= ${from} and day <= ${to}
      group by product_id`;
  }

  private liveProductSales(range: DayRange): RawBuilder<ProductSalesRow> {
    const { start, end } = instants(range);
    return sql<ProductSalesRow>`
      select l.product_id, count(distinct o.id) as orders, sum(l.quantity) as units, sum(l.total) as revenue
      from order_lines l join orders o on o.id = l.order_id
      where o.status in ${KEPT} and o.created_at >= ${start} and o.created_at < ${end}
      group by l.product_id`;
  }
}

// SQLite keeps instants as ISO text in UTC, which compares like the instants themselves.
function instants({ from, to }: DayRange): { start: string; end: string } {
  return { start: `${from}T00:00:00.000Z`, end: `${addDays(to, 1)}T00:00:00.000Z` };
}

function toCustomerStats(row: {
  customer_id: string;
  orders: number;
  revenue: number;
  refunds: number;
  refunded_amount: number;
  lifetime_value: number;
  first_order_at: Date | string;
  last_order_at: Date | string;
}): CustomerStats {
  return {
    customerId: row.customer_id,
    orders: Number(row.orders),
    revenue: Number(row.revenue),
    refunds: Number(row.refunds),
    refundedAmount: Number(row.refunded_amount),
    lifetimeValue: Number(row.lifetime_value),
    firstOrderAt: toDate(row.first_order_at),
    lastOrderAt: toDate(row.last_order_at),
  };
}

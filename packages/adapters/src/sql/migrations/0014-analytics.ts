import { sql, type Kysely, type Migration } from "kysely";
import type { SqlDialect } from "../database.js";
import { columnTypes } from "./column-types.js";

// Statuses of orders that were paid at some point (refunded is only reachable from paid).
const REACHED_PAID = sql.raw(`('paid', 'shipped', 'delivered', 'refunded')`);
const KEPT = sql.raw(`('paid', 'shipped', 'delivered')`);

/**
 * Analytics (DESIGN §10): `customer_stats` (one row per customer with a paid order, kept by the
 * analytics consumer and filled here from the orders already placed) and, on PostgreSQL, the
 * materialized daily rollups behind the sales and product reports with the unique indexes that
 * REFRESH … CONCURRENTLY needs. `analytics_refresh()` refreshes them with its owner's rights, so
 * an application role that does not own the views can still refresh them.
 */
export const analytics = (dialect: SqlDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const t = columnTypes(dialect);
    const count = (name: string) => sql`${sql.ref(name)} >= 0`;
    await db.schema
      .createTable("customer_stats")
      .addColumn("customer_id", "text", (c) => c.primaryKey().references("customers.id").onDelete("cascade"))
      .addColumn("orders", "integer", (c) => c.notNull().check(count("orders")))
      .addColumn("revenue", "bigint", (c) => c.notNull().check(count("revenue")))
      .addColumn("refunds", "integer", (c) => c.notNull().check(count("refunds")))
      .addColumn("refunded_amount", "bigint", (c) => c.notNull().check(count("refunded_amount")))
      .addColumn("lifetime_value", "bigint", (c) => c.notNull())
      .addColumn("first_order_at", t.timestamp, (c) => c.notNull())
      .addColumn("last_order_at", t.timestamp, (c) => c.notNull())
      .addColumn("updated_at", t.timestamp, (c) => c.notNull())
      .execute();
    await sql`
      insert into customer_stats
        (customer_id, orders, revenue, refunds, refunded_amount, lifetime_value, first_order_at, last_order_at, updated_at)
      select customer_id, count(*), sum(total),
        sum(case when status = 'refunded' then 1 else 0 end),
        sum(case when status = 'refunded' then total else 0 end),
        sum(case when status = 'refunded' then 0 else total end),
        min(created_at), max(created_at), ${new Date().toISOString()}
      from orders where status in ${REACHED_PAID}
      group by customer_id`.execute(db);
    // The live sales rollup of SQLite reads refunds by day; PostgreSQL's view reads them once per refresh.
    await db.schema.createIndex("order_transitions_to_status_at").on("order_transitions").columns(["to_status", "at"]).execute();

    if (dialect !== "postgres") return;
    const day = (column: string) => sql`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD')`;
    await sql`
      create materialized view analytics_sales_daily as
      select day, sum(orders)::bigint as orders, sum(units)::bigint as units, sum(revenue)::bigint as revenue,
        sum(refunds)::bigint as refunds, sum(refunded_amount)::bigint as refunded_amount
      from (
        select ${day("o.created_at")} as day, 1 as orders, coalesce(l.units, 0) as units, o.total as revenue,
          0 as refunds, 0 as refunded_amount
        from orders o
        left join (select order_id, sum(quantity) as units from order_lines group by order_id) l on l.order_id = o.id
        where o.status in ${REACHED_PAID}
        union all
        select ${day("t.at")}, 0, 0, 0, 1, o.total
        from order_transitions t join orders o on o.id = t.order_id
        where t.to_status = 'refunded'
      ) facts
      group by day`.execute(db);
    await sql`create unique index analytics_sales_daily_day on analytics_sales_daily (day)`.execute(db);
    await sql`
      create materialized view analytics_product_sales_daily as
      select ${day("o.created_at")} as day, l.product_id, count(distinct o.id)::bigint as orders,
        sum(l.quantity)::bigint as units, sum(l.total)::bigint as revenue
      from order_lines l join orders o on o.id = l.order_id
      where o.status in ${KEPT}
      group by 1, l.product_id`.execute(db);
    await sql`create unique index analytics_product_sales_daily_key on analytics_product_sales_daily (day, product_id)`.execute(db);
    await sql`
      create function analytics_refresh() returns void
      language plpgsql security definer set search_path from current as $$
      begin
        refresh materialized view concurrently analytics_sales_daily;
        refresh materialized view concurrently analytics_product_sales_daily;
        insert into settings (key, value, updated_at)
        values ('analytics.refreshed_at', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), now())
        on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at;
      end
      $$`.execute(db);
    await sql`select analytics_refresh()`.execute(db);
  },

  async down(db: Kysely<unknown>) {
    if (dialect === "postgres") {
      await sql`drop function analytics_refresh()`.execute(db);
      await sql`drop materialized view analytics_product_sales_daily`.execute(db);
      await sql`drop materialized view analytics_sales_daily`.execute(db);
      await sql`delete from settings where key = 'analytics.refreshed_at'`.execute(db);
    }
    await db.schema.dropIndex("order_transitions_to_status_at").execute();
    await db.schema.dropTable("customer_stats").execute();
  },
});

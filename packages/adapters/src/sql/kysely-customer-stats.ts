import { sql, type Kysely } from "kysely";
import { chunks } from "./chunks.js";
import type { Database, SqlDialect } from "./database.js";
import { iso } from "./codec.js";

const REACHED_PAID = ["paid", "shipped", "delivered", "refunded"];

/**
 * Keeps `customer_stats`: each call recomputes one customer's row from their orders, so it is
 * idempotent and order-independent (a redelivered, late or out-of-order event leaves the right
 * figures). On PostgreSQL recomputes of one customer take turns (an advisory lock), so a slow
 * one cannot overwrite a newer one's figures.
 */
export class KyselyCustomerStats {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async recompute(customerId: string, now: Date): Promise<void> {
    await this.recomputeMany([customerId], now);
  }

  /** `recompute` for several customers in one transaction: one grouped read, one upsert, one delete. */
  async recomputeMany(customerIds: readonly string[], now: Date): Promise<void> {
    const ids = [...new Set(customerIds)].sort();
    if (ids.length === 0) return;
    for (const run of chunks(ids, 500)) {
      await this.db.transaction().execute(async (trx) => {
        if (this.dialect === "postgres") {
          // In id order, so two batches sharing customers take their locks in the same order.
          await sql`select pg_advisory_xact_lock(hashtextextended('customer_stats:' || id, 0))
            from (select id from unnest(${run}::text[]) as t(id) order by id) as ids`.execute(trx);
        }
        const figures = await trx
          .selectFrom("orders")
          .select((eb) => [
            "customer_id",
            eb.fn.countAll<number>().as("orders"),
            eb.fn.coalesce(eb.fn.sum<number>("total"), eb.lit(0)).as("revenue"),
            eb.fn.sum<number>(eb.case().when("status", "=", "refunded").then(1).else(0).end()).as("refunds"),
            eb.fn.sum<number>(eb.case().when("status", "=", "refunded").then(eb.ref("total")).else(0).end()).as("refunded_amount"),
            eb.fn.min("created_at").as("first_order_at"),
            eb.fn.max("created_at").as("last_order_at"),
          ])
          .where("customer_id", "in", run)
          .where("status", "in", REACHED_PAID)
          .groupBy("customer_id")
          .execute();
        const rows = figures.flatMap((f) => {
          const orders = Number(f.orders);
          if (orders === 0 || f.first_order_at === null || f.last_order_at === null) return [];
          const revenue = Number(f.revenue);
          const refundedAmount = Number(f.refunded_amount);
          return [
            {
              customer_id: f.customer_id,
              orders,
              revenue,
              refunds: Number(f.refunds),
              refunded_amount: refundedAmount,
              lifetime_value: revenue - refundedAmount,
              first_order_at: stamp(f.first_order_at),
              last_order_at: stamp(f.last_order_at),
              updated_at: iso(now),
            },
          ];
        });
        const counted = new Set(rows.map((row) => row.customer_id));
        const gone = run.filter((id) => !counted.has(id));
        if (gone.length > 0) await trx.deleteFrom("customer_stats").where("customer_id", "in", gone).execute();
        if (rows.length === 0) return;
        await trx
          .insertInto("customer_stats")
          .values(rows)
          .onConflict((oc) =>
            oc.column("customer_id").doUpdateSet((eb) => ({
              orders: eb.ref("excluded.orders"),
              revenue: eb.ref("excluded.revenue"),
              refunds: eb.ref("excluded.refunds"),
              refunded_amount: eb.ref("excluded.refunded_amount"),
              lifetime_value: eb.ref("excluded.lifetime_value"),
              first_order_at: eb.ref("excluded.first_order_at"),
              last_order_at: eb.ref("excluded.last_order_at"),
              updated_at: eb.ref("excluded.updated_at"),
            })),
          )
          .execute();
      });
    }
  }
}

// min/max give back what the column holds: a Date on PostgreSQL, ISO text on SQLite.
const stamp = (value: Date | string): string => (value instanceof Date ? iso(value) : value);

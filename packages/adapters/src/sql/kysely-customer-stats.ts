import { sql, type Kysely } from "kysely";
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
    await this.db.transaction().execute(async (trx) => {
      if (this.dialect === "postgres") {
        await sql`select pg_advisory_xact_lock(hashtextextended(${`customer_stats:${customerId}`}, 0))`.execute(trx);
      }
      const figures = await trx
        .selectFrom("orders")
        .select((eb) => [
          eb.fn.countAll<number>().as("orders"),
          eb.fn.coalesce(eb.fn.sum<number>("total"), eb.lit(0)).as("revenue"),
          eb.fn.sum<number>(eb.case().when("status", "=", "refunded").then(1).else(0).end()).as("refunds"),
          eb.fn.sum<number>(eb.case().when("status", "=", "refunded").then(eb.ref("total")).else(0).end()).as("refunded_amount"),
          eb.fn.min("created_at").as("first_order_at"),
          eb.fn.max("created_at").as("last_order_at"),
        ])
        .where("customer_id", "=", customerId)
        .where("status", "in", REACHED_PAID)
        .executeTakeFirstOrThrow();
      const orders = Number(figures.orders);
      if (orders === 0 || figures.first_order_at === null || figures.last_order_at === null) {
        await trx.deleteFrom("customer_stats").where("customer_id", "=", customerId).execute();
        return;
      }
      const revenue = Number(figures.revenue);
      const refundedAmount = Number(figures.refunded_amount);
      const row = {
        orders,
        revenue,
        refunds: Number(figures.refunds),
        refunded_amount: refundedAmount,
        lifetime_value: revenue - refundedAmount,
        first_order_at: stamp(figures.first_order_at),
        last_order_at: stamp(figures.last_order_at),
        updated_at: iso(now),
      };
      await trx
        .insertInto("customer_stats")
        .values({ customer_id: customerId, ...row })
        .onConflict((oc) => oc.column("customer_id").doUpdateSet(row))
        .execute();
    });
  }
}

// min/max give back what the column holds: a Date on PostgreSQL, ISO text on SQLite.
const stamp = (value: Date | string): string => (value instanceof Date ? iso(value) : value);

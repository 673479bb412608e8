import { sql, type Kysely, type Migration } from "kysely";
import type { SqlDialect } from "../database.js";
import { columnTypes } from "./column-types.js";

/** Orders with their frozen lines and transition history, and the order-number counter. */
export const orders = (dialect: SqlDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const t = columnTypes(dialect);
    const money = (name: string) => sql`${sql.ref(name)} >= 0`;
    await db.schema
      .createTable("orders")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("number", "text", (c) => c.notNull().unique())
      .addColumn("customer_id", "text", (c) => c.notNull().references("customers.id"))
      .addColumn("status", "text", (c) =>
        c.notNull().check(sql`status in ('pending_payment', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded')`),
      )
      .addColumn("currency", "text", (c) => c.notNull())
      .addColumn("subtotal", "bigint", (c) => c.notNull().check(money("subtotal")))
      .addColumn("discount", "bigint", (c) => c.notNull().check(money("discount")))
      .addColumn("tax", "bigint", (c) => c.notNull().check(money("tax")))
      .addColumn("shipping", "bigint", (c) => c.notNull().check(money("shipping")))
      .addColumn("total", "bigint", (c) => c.notNull().check(money("total")))
      .addColumn("coupon_code", "text")
      .addColumn("shipping_address", "text", (c) => c.notNull())
      .addColumn("payment_provider", "text", (c) => c.notNull())
      .addColumn("payment_id", "text", (c) => c.notNull())
      .addColumn("payment_status", "text", (c) => c.notNull().check(sql`payment_status in ('pending', 'succeeded', 'failed', 'refunded')`))
      .addColumn("payment_client_secret", "text")
      .addColumn("payment_attempts", "integer", (c) => c.notNull().check(sql`payment_attempts >= 0`))
      // Checkout may write the order before the reservation row; the link is checked at commit.
      .addColumn("reservation_id", "text", (c) => c.notNull())
      .addColumn("tracking_number", "text")
      .addColumn("version", "integer", (c) => c.notNull().check(sql`version >= 0`))
      .addColumn("created_at", t.timestamp, (c) => c.notNull())
      .addColumn("updated_at", t.timestamp, (c) => c.notNull())
      .addForeignKeyConstraint("orders_reservation_fk", ["reservation_id"], "reservations", ["id"], (fk) =>
        fk.deferrable().initiallyDeferred(),
      )
      .execute();
    await db.schema.createIndex("orders_customer_created").on("orders").columns(["customer_id", "created_at", "id"]).execute();
    await db.schema.createIndex("orders_status_created").on("orders").columns(["status", "created_at", "id"]).execute();
    await db.schema.createIndex("orders_created").on("orders").columns(["created_at", "id"]).execute();
    await db.schema.createIndex("orders_payment").on("orders").column("payment_id").execute();
    await db.schema.createIndex("orders_reservation").on("orders").column("reservation_id").execute();

    await db.schema
      .createTable("order_lines")
      .addColumn("order_id", "text", (c) => c.notNull().references("orders.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("sku", "text", (c) => c.notNull())
      .addColumn("product_id", "text", (c) => c.notNull().references("products.id"))
      .addColumn("product_slug", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("options", t.json, (c) => c.notNull())
      .addColumn("quantity", "integer", (c) => c.notNull().check(sql`quantity > 0`))
      .addColumn("unit_price", "bigint", (c) => c.notNull().check(money("unit_price")))
      .addColumn("subtotal", "bigint", (c) => c.notNull().check(money("subtotal")))
      .addColumn("discount", "bigint", (c) => c.notNull().check(money("discount")))
      .addColumn("tax", "bigint", (c) => c.notNull().check(money("tax")))
      .addColumn("total", "bigint", (c) => c.notNull().check(money("total")))
      // The primary key's index also serves order_lines(order_id).
      .addPrimaryKeyConstraint("order_lines_pk", ["order_id", "position"])
      .execute();
    await db.schema.createIndex("order_lines_product").on("order_lines").columns(["product_id", "order_id"]).execute();

    await db.schema
      .createTable("order_transitions")
      .addColumn("order_id", "text", (c) => c.notNull().references("orders.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("event_id", "text", (c) => c.notNull())
      .addColumn("from_status", "text", (c) => c.notNull())
      .addColumn("to_status", "text", (c) => c.notNull())
      .addColumn("event", "text", (c) => c.notNull())
      .addColumn("actor", "text", (c) => c.notNull())
      .addColumn("at", t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint("order_transitions_pk", ["order_id", "position"])
      .addUniqueConstraint("order_transitions_event", ["order_id", "event_id"])
      .execute();

    if (dialect === "postgres") {
      await sql`create sequence order_number_seq`.execute(db);
    } else {
      await db.schema
        .createTable("counters")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("value", "integer", (c) => c.notNull())
        .execute();
      await sql`insert into counters (name, value) values ('order_number', 0)`.execute(db);
    }
  },

  async down(db: Kysely<unknown>) {
    if (dialect === "postgres") await sql`drop sequence order_number_seq`.execute(db);
    else await db.schema.dropTable("counters").execute();
    for (const table of ["order_transitions", "order_lines", "orders"]) {
      await db.schema.dropTable(table).execute();
    }
  },
});

import { sql, type Kysely } from "kysely";
import type { Order, OrderListQuery, OrderRepository, OrderStatus, Page } from "@emporium/domain";
import { iso, json, toDate } from "./codec.js";
import type { Database, SqlDialect } from "./database.js";
import type { FieldCipher } from "./encryption/field-cipher.js";
import { insertWithLines } from "./insert-with-lines.js";
import { after, decodeCursor, orderBy, pageLimit, toPage, type SortKey } from "./keyset.js";
import { loadOrders } from "./load-orders.js";

const KEYS: readonly SortKey[] = [
  { expression: sql.ref("created_at"), descending: true, type: "string" },
  { expression: sql.ref("id"), descending: true, type: "string" },
];

/** The shipping address is sealed by `cipher` in its column. */
export class KyselyOrderRepository implements OrderRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
    private readonly cipher: FieldCipher,
  ) {}

  async findById(id: string): Promise<Order | null> {
    return this.findOne("id", id);
  }

  async findByPaymentId(paymentId: string): Promise<Order | null> {
    return this.findOne("payment_id", paymentId);
  }

  async findByReservationId(reservationId: string): Promise<Order | null> {
    return this.findOne("reservation_id", reservationId);
  }

  /** Newest first. */
  async list(query: OrderListQuery): Promise<Page<Order>> {
    const limit = pageLimit(query);
    let select = this.db.selectFrom("orders").selectAll();
    if (query.customerId !== undefined) select = select.where("customer_id", "=", query.customerId);
    if (query.status !== undefined) select = select.where("status", "=", query.status);
    if (query.cursor) select = select.where(after(KEYS, decodeCursor(query.cursor, KEYS)));
    const rows = await select
      .orderBy(orderBy(KEYS))
      .limit(limit + 1)
      .execute();
    const page = toPage(
      rows,
      limit,
      (row) => [toDate(row.created_at).toISOString(), row.id],
      (pageRows) => pageRows,
    );
    return { items: await loadOrders(this.db, page.items, this.cipher), nextCursor: page.nextCursor };
  }

  /** PostgreSQL: a sequence (never rolled back, so numbers may skip). SQLite: a counter row, inside the transaction. */
  async nextNumber(): Promise<string> {
    const value =
      this.dialect === "postgres"
        ? (await sql<{ value: number }>`select nextval('order_number_seq') as value`.execute(this.db)).rows[0]?.value
        : (
            await this.db
              .updateTable("counters")
              .set((eb) => ({ value: eb("value", "+", 1) }))
              .where("name", "=", "order_number")
              .returning("value")
              .executeTakeFirst()
          )?.value;
    if (value === undefined) throw new Error("the order number counter is missing: run the database migrations");
    return `EM-${String(value).padStart(6, "0")}`;
  }

  /** The order and its lines; PostgreSQL writes both in one statement. */
  async insert(order: Order): Promise<void> {
    const orderRow = {
      id: order.id,
      number: order.number,
      customer_id: order.customerId,
      created_at: iso(order.createdAt),
      ...mutableColumns(order, this.cipher),
    };
    const lines = order.lines.map((line, position) => ({
      order_id: order.id,
      position,
      sku: line.sku,
      product_id: line.productId,
      product_slug: line.productSlug,
      name: line.name,
      options: json(line.options),
      quantity: line.quantity,
      unit_price: line.unitPrice,
      subtotal: line.subtotal,
      discount: line.discount,
      tax: line.tax,
      total: line.total,
    }));
    await insertWithLines(this.db, this.dialect, { table: "orders", row: orderRow }, { table: "order_lines", rows: lines });
    await this.appendHistory(order);
  }

  /** Compare-and-set on `version`; lines are frozen at purchase, history only grows. */
  async update(order: Order): Promise<boolean> {
    const result = await this.db
      .updateTable("orders")
      .set(mutableColumns(order, this.cipher))
      .where("id", "=", order.id)
      .where("version", "=", order.version - 1)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    await this.appendHistory(order);
    return true;
  }

  async hasPurchased(customerId: string, productId: string, statuses: readonly OrderStatus[]): Promise<boolean> {
    if (statuses.length === 0) return false;
    const row = await this.db
      .selectFrom("order_lines")
      .innerJoin("orders", "orders.id", "order_lines.order_id")
      .select("orders.id")
      .where("order_lines.product_id", "=", productId)
      .where("orders.customer_id", "=", customerId)
      .where("orders.status", "in", [...statuses])
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  private async findOne(column: "id" | "payment_id" | "reservation_id", value: string): Promise<Order | null> {
    const row = await this.db.selectFrom("orders").selectAll().where(column, "=", value).orderBy("created_at").limit(1).executeTakeFirst();
    return row === undefined ? null : ((await loadOrders(this.db, [row], this.cipher))[0] ?? null);
  }

  private async appendHistory(order: Order): Promise<void> {
    if (order.history.length === 0) return;
    await this.db
      .insertInto("order_transitions")
      .values(
        order.history.map((t, position) => ({
          order_id: order.id,
          position,
          event_id: t.eventId,
          from_status: t.from,
          to_status: t.to,
          event: t.event,
          actor: t.actor,
          at: iso(t.at),
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

function mutableColumns(order: Order, cipher: FieldCipher) {
  return {
    status: order.status,
    currency: order.currency,
    subtotal: order.totals.subtotal,
    discount: order.totals.discount,
    tax: order.totals.tax,
    shipping: order.totals.shipping,
    total: order.totals.total,
    coupon_code: order.couponCode,
    shipping_address: cipher.encrypt(JSON.stringify(order.shippingAddress), `orders.shipping_address:${order.id}`),
    payment_provider: order.payment.provider,
    payment_id: order.payment.paymentId,
    payment_status: order.payment.status,
    payment_client_secret: order.payment.clientSecret,
    payment_attempts: order.payment.attempts,
    reservation_id: order.reservationId,
    tracking_number: order.trackingNumber,
    version: order.version,
    updated_at: iso(order.updatedAt),
  };
}

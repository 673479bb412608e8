import type { Kysely, Selectable } from "kysely";
import type { Address, Order, OrderEventType, OrderLine, OrderStatus, OrderTransition, PaymentStatus } from "@emporium/domain";
import { fromJson, toDate } from "./codec.js";
import type { Database, OrdersTable } from "./database.js";
import type { FieldCipher } from "./encryption/field-cipher.js";
import { groupBy } from "./group-by.js";

export type OrderRow = Selectable<OrdersTable>;

/**
 * Turns order rows into orders, loading lines and history of all of them with one query each, and
 * opening the sealed shipping addresses. Keeps the order of `rows`.
 */
export async function loadOrders(db: Kysely<Database>, rows: readonly OrderRow[], cipher: FieldCipher): Promise<Order[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [lines, transitions] = await Promise.all([
    db.selectFrom("order_lines").selectAll().where("order_id", "in", ids).orderBy("order_id").orderBy("position").execute(),
    db.selectFrom("order_transitions").selectAll().where("order_id", "in", ids).orderBy("order_id").orderBy("position").execute(),
  ]);
  const linesOf = groupBy(
    lines,
    (l) => l.order_id,
    (l): OrderLine => ({
      sku: l.sku,
      productId: l.product_id,
      productSlug: l.product_slug,
      name: l.name,
      options: fromJson<Record<string, string>>(l.options),
      quantity: l.quantity,
      unitPrice: l.unit_price,
      subtotal: l.subtotal,
      discount: l.discount,
      tax: l.tax,
      total: l.total,
    }),
  );
  const historyOf = groupBy(
    transitions,
    (t) => t.order_id,
    (t): OrderTransition => ({
      eventId: t.event_id,
      from: t.from_status as OrderStatus,
      to: t.to_status as OrderStatus,
      event: t.event as OrderEventType,
      at: toDate(t.at),
      actor: t.actor,
    }),
  );
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    status: row.status as OrderStatus,
    currency: row.currency,
    lines: linesOf.get(row.id) ?? [],
    totals: { subtotal: row.subtotal, discount: row.discount, tax: row.tax, shipping: row.shipping, total: row.total },
    couponCode: row.coupon_code,
    shippingAddress: JSON.parse(cipher.decrypt(row.shipping_address, `orders.shipping_address:${row.id}`)) as Address,
    payment: {
      provider: row.payment_provider,
      paymentId: row.payment_id,
      status: row.payment_status as PaymentStatus,
      clientSecret: row.payment_client_secret,
      attempts: row.payment_attempts,
    },
    reservationId: row.reservation_id,
    trackingNumber: row.tracking_number,
    history: historyOf.get(row.id) ?? [],
    version: row.version,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  }));
}

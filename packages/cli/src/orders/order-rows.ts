import { formatMajorUnits, type Order } from "@emporium/domain";

/** The columns of `export orders` as CSV: one row per order line, the order's fields repeated on each. */
export const ORDER_COLUMNS = [
  "number",
  "order_id",
  "created_at",
  "status",
  "customer_id",
  "currency",
  "sku",
  "product",
  "name",
  "options",
  "quantity",
  "unit_price",
  "line_discount",
  "line_tax",
  "line_total",
  "subtotal",
  "discount",
  "tax",
  "shipping",
  "total",
  "coupon",
  "payment_status",
  "tracking_number",
  "ship_name",
  "ship_line1",
  "ship_line2",
  "ship_city",
  "ship_postal_code",
  "ship_region",
  "ship_country",
] as const;

/** One CSV row per line of `order`, in ORDER_COLUMNS order; amounts in major units. */
export function orderRows(order: Order): string[][] {
  const money = (minor: number) => formatMajorUnits(minor, order.currency);
  const { totals, shippingAddress: ship } = order;
  return order.lines.map((line) => [
    order.number,
    order.id,
    order.createdAt.toISOString(),
    order.status,
    order.customerId,
    order.currency,
    line.sku,
    line.productSlug,
    line.name,
    Object.entries(line.options)
      .map(([name, value]) => `${name}=${value}`)
      .join("; "),
    String(line.quantity),
    money(line.unitPrice),
    money(line.discount),
    money(line.tax),
    money(line.total),
    money(totals.subtotal),
    money(totals.discount),
    money(totals.tax),
    money(totals.shipping),
    money(totals.total),
    order.couponCode ?? "",
    order.payment.status,
    order.trackingNumber ?? "",
    ship.name,
    ship.line1,
    ship.line2 ?? "",
    ship.city,
    ship.postalCode,
    ship.region ?? "",
    ship.country,
  ]);
}

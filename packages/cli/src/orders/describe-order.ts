import type { Order } from "@emporium/domain";
import { formatTable } from "../output/table.js";
import { amount } from "./order-view.js";

/** An order as `orders show` prints it for a person. */
export function describeOrder(order: Order): string {
  const money = (minor: number) => amount(minor, order.currency);
  const { totals, shippingAddress: ship, payment } = order;
  const lines = formatTable(
    ["SKU", "NAME", "OPTIONS", "QTY", "UNIT", "TOTAL"],
    order.lines.map((line) => [
      line.sku,
      line.name,
      Object.entries(line.options)
        .map(([name, value]) => `${name}=${value}`)
        .join(" "),
      String(line.quantity),
      money(line.unitPrice),
      money(line.total),
    ]),
  );
  const address = [ship.name, ship.line1, ship.line2, `${ship.postalCode} ${ship.city}`, ship.region, ship.country]
    .filter((part) => part !== null && part !== undefined && part !== "")
    .join(", ");
  const history = order.history
    .map((step) => `  ${step.at.toISOString()}  ${step.from} → ${step.to} (${step.event}) by ${step.actor}\n`)
    .join("");
  return [
    `Order ${order.number} (id ${order.id}): ${order.status}\n`,
    `Placed ${order.createdAt.toISOString()} by customer ${order.customerId}${order.couponCode === null ? "" : ` with coupon ${order.couponCode}`}\n`,
    `\n${lines.replace(/^/gm, "  ")}\n`,
    `Subtotal ${money(totals.subtotal)}, discount ${money(totals.discount)}, tax ${money(totals.tax)}, shipping ${money(totals.shipping)}\n`,
    `Total    ${money(totals.total)}\n`,
    `Payment  ${payment.provider} ${payment.paymentId}: ${payment.status}\n`,
    `Ship to  ${address}\n`,
    `Tracking ${order.trackingNumber ?? "none yet"}\n`,
    history === "" ? "" : `History\n${history}`,
  ].join("");
}

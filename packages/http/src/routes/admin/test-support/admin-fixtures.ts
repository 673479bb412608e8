import { Tokens } from "@emporium/adapters";
import type { Order } from "@emporium/domain";
import type { RegisteredCustomer, TestApp } from "../../../test-support/test-app.js";

export const SHIPPING_ADDRESS = {
  name: "Ada Lovelace",
  line1: "12 St James's Square",
  city: "London",
  postalCode: "SW1Y 4JH",
  country: "GB",
};

export interface OrderLineRequest {
  readonly sku: string;
  readonly quantity: number;
}

const must = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }, what: string): T => {
  if (!result.ok) throw new Error(`${what} failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
};

/** A new customer's order through the use cases: pending payment, or paid with `pay`. */
export async function placeOrder(
  t: TestApp,
  lines: readonly OrderLineRequest[],
  { pay = true }: { readonly pay?: boolean } = {},
): Promise<{ readonly order: Order; readonly customer: RegisteredCustomer }> {
  const customer = await t.registerCustomer();
  const customerId = customer.customer.id;
  for (const line of lines) must(await t.container.useCase("AddCartItem").execute({ customerId, ...line }), `add ${line.sku}`);
  const placed = must(await t.container.useCase("PlaceOrder").execute({ customerId, shippingAddress: SHIPPING_ADDRESS }), "place order");
  if (!pay) return { order: placed, customer };
  const paid = must(
    await t.container.useCase("PayOrder").execute({ orderId: placed.id, customerId, paymentMethod: "pm_card_visa" }),
    "pay order",
  );
  return { order: paid, customer };
}

/** The stock level of a SKU as the database holds it. */
export async function stockOf(t: TestApp, sku: string): Promise<{ onHand: number; reserved: number }> {
  const [level] = await t.container.get(Tokens.Repositories).inventory.findManyBySkus([sku]);
  if (level === undefined) throw new Error(`no stock level for ${sku}`);
  return { onHand: level.onHand, reserved: level.reserved };
}

/**
 * Emporium embedded in a plain Node program: the domain library with in-memory adapters,
 * no database and no server. Run it with `npm run example`.
 */
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import {
  AddCartItem,
  CreateCategory,
  CreateProduct,
  DEFAULT_SETTINGS,
  PayOrder,
  PlaceOrder,
  RegisterCustomer,
  ShipOrder,
  formatMajorUnits,
  type Actor,
  type Order,
  type Result,
} from "@emporium/domain";
import {
  Argon2PasswordHasher,
  InMemoryCache,
  JoseTokenService,
  SimulatedPaymentGateway,
  SystemClock,
  UlidIdGenerator,
  createInMemoryPersistence,
} from "@emporium/adapters";

/** Builds a shop, sells one order end to end, prints it, and returns it. */
export async function main(print: (line: string) => void = console.log): Promise<Order> {
  const { uow, repos } = createInMemoryPersistence();
  const clock = new SystemClock();
  const ids = new UlidIdGenerator(clock);
  const deps = {
    uow,
    repos,
    clock,
    ids,
    settings: { ...DEFAULT_SETTINGS, taxRates: { standard: 2000, reduced: 500, zero: 0 } },
    payments: new SimulatedPaymentGateway(ids),
    cache: new InMemoryCache(),
    hasher: new Argon2PasswordHasher(),
    tokens: new JoseTokenService({ secret: randomBytes(32), issuer: "emporium-example", audience: "emporium-example" }),
  };
  const admin: Actor = { id: "admin", role: "admin" };

  // The catalogue: one category, two products with variants and stock.
  const apparel = unwrap(await new CreateCategory(deps).execute({ actor: admin, name: "Apparel" }));
  unwrap(
    await new CreateProduct(deps).execute({
      actor: admin,
      name: "Classic Tee",
      brand: "Acme",
      categoryIds: [apparel.id],
      variants: [
        { sku: "TEE-BLUE-M", options: { colour: "blue", size: "M" }, price: 1999, stock: 20 },
        { sku: "TEE-BLUE-L", options: { colour: "blue", size: "L" }, price: 1999, stock: 8 },
      ],
    }),
  );
  unwrap(
    await new CreateProduct(deps).execute({
      actor: admin,
      name: "Canvas Tote",
      brand: "Acme",
      categoryIds: [apparel.id],
      taxClass: "reduced",
      variants: [
        { sku: "TOTE-NATURAL", options: { colour: "natural" }, price: 1450, stock: 5 },
        { sku: "TOTE-BLACK", options: { colour: "black" }, price: 1450, stock: 0 },
      ],
    }),
  );

  // A customer fills a cart, checks out and pays with the simulated provider's test card.
  const { customer } = unwrap(
    await new RegisterCustomer(deps).execute({ email: "ada@example.com", password: "correct horse battery", name: "Ada Lovelace" }),
  );
  unwrap(await new AddCartItem(deps).execute({ customerId: customer.id, sku: "TEE-BLUE-M", quantity: 2 }));
  unwrap(await new AddCartItem(deps).execute({ customerId: customer.id, sku: "TOTE-NATURAL", quantity: 1 }));
  const placed = unwrap(
    await new PlaceOrder(deps).execute({
      customerId: customer.id,
      shippingAddress: { name: "Ada Lovelace", line1: "12 St James's Square", city: "London", postalCode: "SW1Y 4JH", country: "GB" },
    }),
  );
  unwrap(await new PayOrder(deps).execute({ orderId: placed.id, customerId: customer.id, paymentMethod: "pm_card_visa" }));

  // The warehouse ships it.
  const shipped = unwrap(await new ShipOrder(deps).execute({ orderId: placed.id, trackingNumber: "1Z999AA10123456784", actor: admin }));
  for (const line of describeOrder(shipped)) print(line);
  return shipped;
}

/** The order as a receipt, amounts in major units of its currency. */
export function describeOrder(order: Order): string[] {
  const amount = (minor: number) => formatMajorUnits(minor, order.currency).padStart(9);
  const options = (values: Readonly<Record<string, string>>) =>
    Object.entries(values)
      .map(([name, value]) => `${name}: ${value}`)
      .join(", ");
  return [
    `Order ${order.number}  status: ${order.status}  tracking: ${order.trackingNumber ?? "-"}`,
    ...order.lines.map(
      (line) =>
        `  ${line.quantity} x ${line.name} (${options(line.options)})`.padEnd(44) + `${amount(line.unitPrice)}${amount(line.subtotal)}`,
    ),
    `  ${"Subtotal".padEnd(51)}${amount(order.totals.subtotal)}`,
    `  ${"Discount".padEnd(51)}${amount(-order.totals.discount)}`,
    `  ${"Tax".padEnd(51)}${amount(order.totals.tax)}`,
    `  ${"Shipping".padEnd(51)}${amount(order.totals.shipping)}`,
    `  ${`Total (${order.currency})`.padEnd(51)}${amount(order.totals.total)}`,
    "History:",
    `  ${order.createdAt.toISOString()}  placed -> pending_payment`,
    ...order.history.map((step) => `  ${step.at.toISOString()}  ${step.event}: ${step.from} -> ${step.to} (by ${step.actor})`),
  ];
}

function unwrap<T, E extends { code: string; message: string }>(result: Result<T, E>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

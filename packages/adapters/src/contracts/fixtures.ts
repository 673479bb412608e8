import type {
  Address,
  Cart,
  Category,
  Customer,
  Order,
  Product,
  Promotion,
  Repositories,
  Reservation,
  Review,
  StockLevel,
  Variant,
} from "@emporium/domain";

let counter = 0;
const run = Math.random().toString(36).slice(2, 8);

/** A unique, slug-safe id: tests share one store per suite, so every row gets its own. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${run}-${counter.toString().padStart(4, "0")}`;
}

/** A fixed instant plus `minutes`, at millisecond precision like every stored timestamp. */
export const at = (minutes = 0): Date => new Date(Date.UTC(2024, 4, 1, 10, 0, 0) + minutes * 60_000);

export function aVariant(overrides: Partial<Variant> = {}): Variant {
  return {
    sku: uid("SKU").toUpperCase(),
    options: { size: "M", colour: "blue" },
    price: 1999,
    status: "active",
    lowStockThreshold: 5,
    ...overrides,
  };
}

export function aProduct(overrides: Partial<Product> = {}): Product {
  const id = uid("prod");
  return {
    id,
    slug: id,
    name: `Product ${id}`,
    description: "Soft cotton, made to last.",
    brand: "Acme",
    status: "active",
    featured: false,
    taxClass: "standard",
    categoryIds: [],
    images: ["https://img.example/1.jpg", "https://img.example/2.jpg"],
    attributes: { material: "cotton", fit: "regular" },
    variants: [aVariant()],
    rating: { average: 0, count: 0 },
    relatedProductIds: [],
    createdAt: at(),
    updatedAt: at(),
    ...overrides,
  };
}

export function aCategory(overrides: Partial<Category> = {}): Category {
  const slug = uid("cat");
  return {
    id: uid("catid"),
    slug,
    name: `Category ${slug}`,
    parentId: null,
    path: slug,
    position: 0,
    attributeDefinitions: [],
    ...overrides,
  };
}

/** A child of `parent`, its path extending the parent's. */
export function aChildCategory(parent: Category, overrides: Partial<Category> = {}): Category {
  const slug = uid("cat");
  return aCategory({ slug, parentId: parent.id, path: `${parent.path}/${slug}`, ...overrides });
}

export const anAddress = (): Address => ({
  name: "Ada Lovelace",
  line1: "1 Analytical St",
  city: "London",
  postalCode: "N1 1AA",
  country: "GB",
});

export function aCustomer(overrides: Partial<Customer> = {}): Customer {
  const id = uid("cust");
  return {
    id,
    email: `${id}@example.test`,
    name: "Ada Lovelace",
    phone: "+44 20 7946 0000",
    addresses: [anAddress()],
    passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
    role: "customer",
    disabled: false,
    createdAt: at(),
    updatedAt: at(),
    ...overrides,
  };
}

export function aReservation(lines: Reservation["lines"], overrides: Partial<Reservation> = {}): Reservation {
  return { id: uid("res"), status: "active", lines, expiresAt: at(15), createdAt: at(), ...overrides };
}

export function aCart(overrides: Partial<Cart> = {}): Cart {
  return { id: uid("cart"), customerId: null, token: null, lines: [], couponCode: null, createdAt: at(), updatedAt: at(), ...overrides };
}

export function aReview(productId: string, customerId: string, overrides: Partial<Review> = {}): Review {
  return {
    id: uid("rev"),
    productId,
    customerId,
    authorName: "Ada",
    rating: 4,
    title: "Good",
    body: "Would buy again.",
    verifiedPurchase: false,
    hidden: false,
    createdAt: at(),
    updatedAt: at(),
    ...overrides,
  };
}

export function aPromotion(overrides: Partial<Promotion> = {}): Promotion {
  return {
    id: uid("promo"),
    code: uid("SAVE").toUpperCase(),
    kind: "percent_off",
    value: 1000,
    minSubtotal: 0,
    startsAt: null,
    endsAt: null,
    usageLimit: null,
    perCustomerLimit: null,
    timesUsed: 0,
    active: true,
    createdAt: at(),
    ...overrides,
  };
}

export function anOrder(args: { customerId: string; product: Product; reservationId: string }, overrides: Partial<Order> = {}): Order {
  const variant = args.product.variants[0];
  if (variant === undefined) throw new Error("anOrder needs a product with a variant");
  return {
    id: uid("ord"),
    number: uid("EM-T"),
    customerId: args.customerId,
    status: "pending_payment",
    currency: "USD",
    lines: [
      {
        sku: variant.sku,
        productId: args.product.id,
        productSlug: args.product.slug,
        name: args.product.name,
        options: variant.options,
        quantity: 2,
        unitPrice: variant.price,
        subtotal: variant.price * 2,
        discount: 0,
        tax: 0,
        total: variant.price * 2,
      },
    ],
    totals: { subtotal: variant.price * 2, discount: 0, tax: 0, shipping: 500, total: variant.price * 2 + 500 },
    couponCode: null,
    shippingAddress: anAddress(),
    payment: { provider: "simulated", paymentId: uid("pay"), status: "pending", clientSecret: null, attempts: 1 },
    reservationId: args.reservationId,
    trackingNumber: null,
    history: [],
    version: 1,
    createdAt: at(),
    updatedAt: at(),
    ...overrides,
  };
}

/** Saves a product (and the stock levels of its variants, with `onHand` each). */
export async function seedProduct(repos: Repositories, overrides: Partial<Product> = {}, onHand = 0): Promise<Product> {
  const product = aProduct(overrides);
  await repos.products.save(product);
  for (const variant of product.variants) await seedStock(repos, variant.sku, onHand, variant.lowStockThreshold);
  return product;
}

export async function seedStock(repos: Repositories, sku: string, onHand: number, threshold = 5): Promise<StockLevel> {
  await repos.inventory.ensure(sku, threshold);
  const level = await repos.inventory.applyDelta(sku, { onHand, reserved: 0 });
  if (level === null) throw new Error(`could not stock ${sku}`);
  return level;
}

export async function seedCustomer(repos: Repositories, overrides: Partial<Customer> = {}): Promise<Customer> {
  const customer = aCustomer(overrides);
  if (!(await repos.customers.insert(customer))) throw new Error(`email ${customer.email} taken`);
  return customer;
}

/** An order with everything it points at: customer, product with stock, reservation. */
export async function seedOrder(
  repos: Repositories,
  options: { customer?: Customer; product?: Product; overrides?: Partial<Order> } = {},
): Promise<Order> {
  const customer = options.customer ?? (await seedCustomer(repos));
  const product = options.product ?? (await seedProduct(repos, {}, 10));
  const variant = product.variants[0];
  if (variant === undefined) throw new Error("seedOrder needs a product with a variant");
  const reservation = aReservation([{ sku: variant.sku, quantity: 2 }]);
  await repos.inventory.insertReservation(reservation);
  const order = anOrder({ customerId: customer.id, product, reservationId: reservation.id }, options.overrides);
  await repos.orders.insert(order);
  return order;
}

/** Every item of a paginated list, following cursors until the end. */
export async function collectPages<T>(
  fetch: (cursor: string | null) => Promise<{ items: readonly T[]; nextCursor: string | null }>,
): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | null = null;
  do {
    const page: { items: readonly T[]; nextCursor: string | null } = await fetch(cursor);
    pages.push([...page.items]);
    cursor = page.nextCursor;
    if (pages.length > 1000) throw new Error("pagination does not end");
  } while (cursor !== null);
  return pages;
}

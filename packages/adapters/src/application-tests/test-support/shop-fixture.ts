import {
  DEFAULT_SETTINGS,
  PayOrder,
  PlaceOrder,
  type Actor,
  type Address,
  type AppDeps,
  type Cart,
  type CartLine,
  type Customer,
  type DomainEvent,
  type DomainEventType,
  type Order,
  type Product,
  type Promotion,
  type ShopSettings,
  type StockLevel,
} from "@emporium/domain";
import { createInMemoryPersistence, type InMemoryPersistence } from "../../memory/create-in-memory-persistence.js";
import { FixedClock } from "../../memory/fixed-clock.js";
import { UlidIdGenerator } from "../../memory/ulid-id-generator.js";
import { SimulatedPaymentGateway } from "../../payments/simulated/simulated-payment-gateway.js";

export type ShopDeps = Pick<AppDeps, "uow" | "repos" | "ids" | "settings"> & {
  readonly clock: FixedClock;
  readonly payments: SimulatedPaymentGateway;
};

export const ADDRESS: Address = {
  name: "Ada Lovelace",
  line1: "12 St James's Square",
  city: "London",
  postalCode: "SW1Y 4JH",
  country: "GB",
};
export const ADMIN: Actor = { id: "admin-1", role: "admin" };

/** 20% standard tax, 5.00 shipping, free from 50.00: every figure of a total is exercised. */
export const TEST_SETTINGS: ShopSettings = {
  ...DEFAULT_SETTINGS,
  taxRates: { standard: 2000, reduced: 500, zero: 0 },
  shipping: { flatRate: 500, freeOver: 5000 },
  reservationTtlSeconds: 900,
};

export interface VariantSeed {
  readonly sku: string;
  readonly price: number;
  readonly stock: number;
  readonly options?: Record<string, string>;
  readonly lowStockThreshold?: number;
  readonly status?: "active" | "archived";
}

/** An in-memory shop with a fixed clock, real use-case dependencies and seeding helpers. */
export class ShopFixture {
  readonly clock = new FixedClock("2025-03-01T10:00:00.000Z");
  readonly ids = new UlidIdGenerator(this.clock);
  readonly payments = new SimulatedPaymentGateway(this.ids);
  readonly persistence: InMemoryPersistence = createInMemoryPersistence();
  readonly deps: ShopDeps;

  constructor(settings: ShopSettings = TEST_SETTINGS) {
    this.deps = {
      uow: this.persistence.uow,
      repos: this.persistence.repos,
      clock: this.clock,
      ids: this.ids,
      payments: this.payments,
      settings,
    };
  }

  async addProduct(slug: string, variants: readonly VariantSeed[], extra: Partial<Product> = {}): Promise<Product> {
    const now = this.clock.now();
    const product: Product = {
      id: this.ids.next(),
      slug,
      name: slug.replace(/-/g, " "),
      description: "",
      brand: null,
      status: "active",
      featured: false,
      taxClass: "standard",
      categoryIds: [],
      images: [],
      attributes: {},
      variants: variants.map((v) => ({
        sku: v.sku,
        options: v.options ?? {},
        price: v.price,
        status: v.status ?? "active",
        lowStockThreshold: v.lowStockThreshold ?? 2,
      })),
      rating: { average: 0, count: 0 },
      relatedProductIds: [],
      createdAt: now,
      updatedAt: now,
      ...extra,
    };
    await this.persistence.uow.run(async (tx) => {
      await tx.products.save(product);
      for (const v of variants) {
        await tx.inventory.ensure(v.sku, v.lowStockThreshold ?? 2);
        if (v.stock > 0) await tx.inventory.applyDelta(v.sku, { onHand: v.stock, reserved: 0 });
      }
      return { ok: true, value: undefined };
    });
    return product;
  }

  async addCustomer(email = `customer-${this.ids.next().toLowerCase()}@example.com`): Promise<Customer> {
    const now = this.clock.now();
    const customer: Customer = {
      id: this.ids.next(),
      email,
      name: "Test Customer",
      phone: null,
      addresses: [],
      passwordHash: "not-a-real-hash",
      role: "customer",
      disabled: false,
      createdAt: now,
      updatedAt: now,
    };
    await this.persistence.repos.customers.insert(customer);
    return customer;
  }

  async fillCart(customerId: string, lines: readonly CartLine[], couponCode: string | null = null): Promise<Cart> {
    const now = this.clock.now();
    const existing = await this.persistence.repos.carts.findByCustomerId(customerId);
    const cart: Cart = existing ?? {
      id: this.ids.next(),
      customerId,
      token: null,
      lines: [],
      couponCode: null,
      createdAt: now,
      updatedAt: now,
    };
    const filled = { ...cart, lines, couponCode, updatedAt: now };
    await this.persistence.repos.carts.save(filled);
    return filled;
  }

  async addPromotion(promotion: Partial<Promotion> & Pick<Promotion, "code" | "kind" | "value">): Promise<Promotion> {
    const stored: Promotion = {
      id: this.ids.next(),
      minSubtotal: 0,
      startsAt: null,
      endsAt: null,
      usageLimit: null,
      perCustomerLimit: null,
      timesUsed: 0,
      active: true,
      createdAt: this.clock.now(),
      ...promotion,
    };
    await this.persistence.repos.promotions.insert(stored);
    return stored;
  }

  /** Fills the customer's cart with `lines` and checks it out. */
  async placeOrder(customerId: string, lines: readonly CartLine[]): Promise<Order> {
    await this.fillCart(customerId, lines);
    return expectOk(await new PlaceOrder(this.deps).execute({ customerId, shippingAddress: ADDRESS }));
  }

  /** Places an order and pays it with the card that succeeds. */
  async paidOrder(customerId: string, lines: readonly CartLine[]): Promise<Order> {
    const order = await this.placeOrder(customerId, lines);
    return expectOk(await new PayOrder(this.deps).execute({ orderId: order.id, customerId, paymentMethod: "pm_card_visa" }));
  }

  async level(sku: string): Promise<StockLevel> {
    const [level] = await this.persistence.repos.inventory.findManyBySkus([sku]);
    if (level === undefined) throw new Error(`no stock level for ${sku}`);
    return level;
  }

  async order(id: string): Promise<Order> {
    const order = await this.persistence.repos.orders.findById(id);
    if (order === null) throw new Error(`no order ${id}`);
    return order;
  }

  /** Committed outbox events, optionally of one type. */
  async events(type?: DomainEventType): Promise<DomainEvent[]> {
    const all = await this.persistence.outbox.all();
    return type === undefined ? all : all.filter((e) => e.type === type);
  }
}

/** Unwraps an ok result, failing the test with the error otherwise. */
export function expectOk<T, E>(result: { ok: true; value: T } | { ok: false; error: E }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** Unwraps an error result, failing the test when it succeeded. */
export function expectErr<T, E>(result: { ok: true; value: T } | { ok: false; error: E }): E {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

import {
  AddCartItem,
  CreateCategory,
  CreateProduct,
  DEFAULT_SETTINGS,
  DeliverOrder,
  PayOrder,
  PlaceOrder,
  RegisterCustomer,
  ShipOrder,
  type Actor,
  type Address,
  type AppDeps,
  type AuditEntry,
  type AuthenticatedCustomer,
  type Category,
  type CreateProductInput,
  type DomainEvent,
  type DomainEventType,
  type Product,
  type Promotion,
  type ShopSettings,
  type StockLevel,
  type VariantInput,
} from "@emporium/domain";
import { Argon2PasswordHasher } from "../../auth/argon2-password-hasher.js";
import { JoseTokenService } from "../../auth/jose-token-service.js";
import { createInMemoryPersistence, type InMemoryPersistence } from "../../memory/create-in-memory-persistence.js";
import { FixedClock } from "../../memory/fixed-clock.js";
import { InMemoryCache } from "../../memory/in-memory-cache.js";
import { UlidIdGenerator } from "../../memory/ulid-id-generator.js";
import { SimulatedPaymentGateway } from "../../payments/simulated/simulated-payment-gateway.js";

export type AuthCatalogDeps = Pick<AppDeps, "uow" | "repos" | "ids" | "hasher" | "tokens" | "cache" | "settings" | "payments"> & {
  readonly clock: FixedClock;
};

export const ADMIN: Actor = { id: "admin-1", role: "admin" };
export const CUSTOMER_ACTOR: Actor = { id: "customer-1", role: "customer" };
export const PASSWORD = "correct horse battery";
export const ADDRESS: Address = {
  name: "Ada Lovelace",
  line1: "12 St James's Square",
  city: "London",
  postalCode: "SW1Y 4JH",
  country: "GB",
};

/** 20% standard tax, 5.00 shipping, free from 50.00. */
export const CATALOG_SETTINGS: ShopSettings = {
  ...DEFAULT_SETTINGS,
  taxRates: { standard: 2000, reduced: 500, zero: 0 },
  shipping: { flatRate: 500, freeOver: 5000 },
  lowStockThreshold: 3,
};

// The real argon2id hasher with the cheapest parameters it accepts, so tests stay fast.
const TEST_ARGON2 = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

/** An in-memory shop with the real hasher and token service, a fixed clock and seeding helpers. */
export class CatalogShop {
  readonly clock = new FixedClock("2025-03-01T10:00:00.000Z");
  readonly ids = new UlidIdGenerator(this.clock);
  readonly persistence: InMemoryPersistence = createInMemoryPersistence();
  readonly hasher = new Argon2PasswordHasher(TEST_ARGON2);
  readonly tokens = new JoseTokenService({
    secret: "a-test-secret-of-at-least-thirty-two-bytes",
    issuer: "emporium-test",
    audience: "emporium-test-api",
    now: () => this.clock.now(),
  });
  readonly cache = new InMemoryCache({ now: () => this.clock.now().getTime() });
  readonly payments = new SimulatedPaymentGateway(this.ids);
  readonly deps: AuthCatalogDeps;

  constructor(settings: ShopSettings = CATALOG_SETTINGS) {
    const { uow, repos } = this.persistence;
    this.deps = {
      uow,
      repos,
      clock: this.clock,
      ids: this.ids,
      hasher: this.hasher,
      tokens: this.tokens,
      cache: this.cache,
      settings,
      payments: this.payments,
    };
  }

  async register(email = `shopper-${this.ids.next().toLowerCase()}@example.com`, name = "Grace Hopper"): Promise<AuthenticatedCustomer> {
    return unwrap(await new RegisterCustomer(this.deps).execute({ email, password: PASSWORD, name }));
  }

  async category(name: string, parentId: string | null = null, position = 0): Promise<Category> {
    return unwrap(await new CreateCategory(this.deps).execute({ actor: ADMIN, name, parentId, position }));
  }

  /** A product through CreateProduct; each variant defaults to 10 in stock. */
  async product(
    slug: string,
    variants: readonly (Partial<VariantInput> & { sku: string })[],
    extra: Partial<CreateProductInput> = {},
  ): Promise<Product> {
    return unwrap(
      await new CreateProduct(this.deps).execute({
        actor: ADMIN,
        slug,
        name: slug.replace(/-/g, " "),
        variants: variants.map((v) => ({ price: 1000, stock: 10, ...v })),
        ...extra,
      }),
    );
  }

  async promotion(promotion: Partial<Promotion> & Pick<Promotion, "code" | "kind" | "value">): Promise<Promotion> {
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

  /** Buys `sku` as the customer and takes the order all the way to delivered. */
  async deliveredOrder(customerId: string, sku: string): Promise<void> {
    unwrap(await new AddCartItem(this.deps).execute({ customerId, sku, quantity: 1 }));
    const order = unwrap(await new PlaceOrder(this.deps).execute({ customerId, shippingAddress: ADDRESS }));
    unwrap(await new PayOrder(this.deps).execute({ orderId: order.id, customerId, paymentMethod: "pm_card_visa" }));
    unwrap(await new ShipOrder(this.deps).execute({ actor: ADMIN, orderId: order.id, trackingNumber: "TRACK-1" }));
    unwrap(await new DeliverOrder(this.deps).execute({ actor: ADMIN, orderId: order.id }));
  }

  async level(sku: string): Promise<StockLevel | undefined> {
    const [level] = await this.persistence.repos.inventory.findManyBySkus([sku]);
    return level;
  }

  async productBySlug(slug: string): Promise<Product> {
    const product = await this.persistence.repos.products.findBySlug(slug);
    if (product === null) throw new Error(`no product ${slug}`);
    return product;
  }

  /** Committed outbox events, optionally of one type, oldest first. */
  async events(type?: DomainEventType): Promise<DomainEvent[]> {
    const all = await this.persistence.outbox.all();
    return type === undefined ? all : all.filter((e) => e.type === type);
  }

  /** Committed audit entries, oldest first. */
  audit(): AuditEntry[] {
    return [...this.persistence.state.audit];
  }

  /** Counts rows of every table a catalogue write touches, to prove that a call wrote nothing. */
  footprint(): Record<string, number> {
    const s = this.persistence.state;
    return {
      movements: s.movements.length,
      outbox: s.outbox.length,
      audit: s.audit.length,
      categories: s.categories.size,
      products: s.products.size,
      stock: s.stock.size,
    };
  }
}

/** The value of an ok result; fails the test with the error otherwise. */
export function unwrap<T, E>(result: { ok: true; value: T } | { ok: false; error: E }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The error of a failed result; fails the test when it succeeded. */
export function unwrapErr<T, E>(result: { ok: true; value: T } | { ok: false; error: E }): E {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

import {
  CancelOrder,
  CreateCategory,
  CreateProduct,
  DEFAULT_SETTINGS,
  PayOrder,
  PlaceOrder,
  RefundOrder,
  ShipOrder,
  type Actor,
  type AppDeps,
  type CartLine,
  type Customer,
  type IdGenerator,
  type Order,
} from "@emporium/domain";
import { silentLogger } from "../../container/logger.js";
import { registerHandlers } from "../../handlers/event-handler-map.js";
import { AnalyticsRefresher } from "../../handlers/analytics-refresher.js";
import { BoughtTogetherRecorder } from "../../handlers/bought-together-recorder.js";
import { FixedClock } from "../../memory/fixed-clock.js";
import { InMemoryCache } from "../../memory/in-memory-cache.js";
import { InProcessDispatcher } from "../../memory/in-process-dispatcher.js";
import { KyselyOutboxSource } from "../../messaging/in-process/kysely-outbox-source.js";
import { OutboxProcessor } from "../../messaging/in-process/outbox-processor.js";
import { SimulatedPaymentGateway } from "../../payments/simulated/simulated-payment-gateway.js";
import type { SqlPersistence } from "../../sql/create-sql-persistence.js";
import { KyselyCustomerStats } from "../../sql/kysely-customer-stats.js";
import { KyselyProductPairs } from "../../sql/kysely-product-pairs.js";
import { KyselyReportRepository } from "../../sql/kysely-report-repository.js";

const ADMIN: Actor = { id: "admin-1", role: "admin" };
const ADDRESS = { name: "Ada Lovelace", line1: "12 St James's Square", city: "London", postalCode: "SW1Y 4JH", country: "GB" };
const DAY_MS = 86_400_000;

/** Ids that are the same on every run and every database, so two shops' reports compare equal. */
export class SequentialIds implements IdGenerator {
  private n = 0;
  next(): string {
    this.n += 1;
    return `id-${String(this.n).padStart(6, "0")}`;
  }
}

export type ReportShopDeps = Pick<AppDeps, "uow" | "repos" | "ids" | "payments" | "settings" | "cache" | "reports"> & {
  readonly clock: FixedClock;
};

export interface ReportShop {
  readonly deps: ReportShopDeps;
  readonly customers: Readonly<Record<"alice" | "bob" | "carol" | "dave" | "erin", Customer>>;
  readonly products: Readonly<Record<"tee" | "mug" | "poster", string>>;
  readonly orders: readonly Order[];
  /** The moment the reports are read: 30 days and 12 hours after `monday`. */
  readonly now: Date;
  /** Delivers every committed outbox event to the analytics and recommendations consumers. */
  drain(): Promise<void>;
}

/**
 * The shop every report test reads, seeded through the use cases with a fixed clock. With
 * `monday` = 2025-03-03 (the days in brackets), zero tax and 5.00 shipping under 50.00:
 *
 * | order | customer | placed            | lines                     | total | then                                   |
 * |-------|----------|-------------------|---------------------------|-------|----------------------------------------|
 * | O1    | alice    | +0d 10:00 (03-03) | TEE ×2 (20.00), MUG ×1    | 50.00 | paid                                   |
 * | O2    | bob      | +1d 23:30 (03-04) | MUG ×2 (10.00)            | 25.00 | paid, shipped +2d, refunded +17d (03-20) |
 * | O3    | alice    | +7d 09:00 (03-10) | TEE ×1                    | 25.00 | paid, cancelled +9d (03-12): refunded, restocked |
 * | O4    | carol    | +8d 12:00 (03-11) | POSTER ×1 (5.00)          | 10.00 | never paid (1 POSTER reserved)         |
 * | O5    | erin     | +28d 23:59:59     | TEE ×1, POSTER ×2         | 35.00 | paid                                   |
 * | O6    | bob      | +29d 00:00 (04-01)| MUG ×1                    | 15.00 | paid                                   |
 *
 * Stock at the start: TEE 50 (threshold 5), MUG 10 (3), POSTER 4 (5). Categories: TEE in
 * Apparel, MUG in Home, POSTER in none. dave never orders.
 */
export async function seedReportShop(persistence: SqlPersistence, monday: Date): Promise<ReportShop> {
  const clock = new FixedClock(monday);
  const ids = new SequentialIds();
  const { db, dialect } = persistence.database;
  const deps: ReportShopDeps = {
    uow: persistence.uow,
    repos: persistence.repos,
    clock,
    ids,
    payments: new SimulatedPaymentGateway(ids),
    settings: { ...DEFAULT_SETTINGS, taxRates: { standard: 0, reduced: 0, zero: 0 }, shipping: { flatRate: 500, freeOver: 5000 } },
    cache: new InMemoryCache(),
    reports: new KyselyReportRepository(db, dialect),
  };
  const at = (days: number, time = "00:00:00") => new Date(monday.getTime() + days * DAY_MS + Date.parse(`1970-01-01T${time}Z`));

  const apparel = must(await new CreateCategory(deps).execute({ actor: ADMIN, name: "Apparel" }));
  const home = must(await new CreateCategory(deps).execute({ actor: ADMIN, name: "Home" }));
  const product = async (name: string, sku: string, price: number, stock: number, lowStockThreshold: number, categoryIds: string[]) =>
    must(await new CreateProduct(deps).execute({ actor: ADMIN, name, categoryIds, variants: [{ sku, price, stock, lowStockThreshold }] }))
      .id;
  const products = {
    tee: await product("Classic Tee", "TEE", 2000, 50, 5, [apparel.id]),
    mug: await product("Enamel Mug", "MUG", 1000, 10, 3, [home.id]),
    poster: await product("Poster", "POSTER", 500, 4, 5, []),
  };

  const customer = async (name: string): Promise<Customer> => {
    const now = clock.now();
    const created: Customer = {
      id: ids.next(),
      email: `${name}@example.com`,
      name,
      phone: null,
      addresses: [],
      passwordHash: "not-a-real-hash",
      role: "customer",
      disabled: false,
      createdAt: now,
      updatedAt: now,
    };
    await persistence.repos.customers.insert(created);
    return created;
  };
  const customers = {
    alice: await customer("alice"),
    bob: await customer("bob"),
    carol: await customer("carol"),
    dave: await customer("dave"),
    erin: await customer("erin"),
  };

  const place = async (who: Customer, when: Date, lines: CartLine[], pay = true): Promise<Order> => {
    clock.set(when);
    const existing = await persistence.repos.carts.findByCustomerId(who.id);
    await persistence.repos.carts.save({
      id: existing?.id ?? ids.next(),
      customerId: who.id,
      token: null,
      lines,
      couponCode: null,
      createdAt: existing?.createdAt ?? when,
      updatedAt: when,
    });
    const placed = must(await new PlaceOrder(deps).execute({ customerId: who.id, shippingAddress: ADDRESS }));
    if (!pay) return placed;
    return must(await new PayOrder(deps).execute({ orderId: placed.id, customerId: who.id, paymentMethod: "pm_card_visa" }));
  };

  const o1 = await place(customers.alice, at(0, "10:00:00"), [
    { sku: "TEE", quantity: 2 },
    { sku: "MUG", quantity: 1 },
  ]);
  const o2 = await place(customers.bob, at(1, "23:30:00"), [{ sku: "MUG", quantity: 2 }]);
  clock.set(at(2, "08:00:00"));
  must(await new ShipOrder(deps).execute({ actor: ADMIN, orderId: o2.id, trackingNumber: "TRACK-2" }));
  const o3 = await place(customers.alice, at(7, "09:00:00"), [{ sku: "TEE", quantity: 1 }]);
  const o4 = await place(customers.carol, at(8, "12:00:00"), [{ sku: "POSTER", quantity: 1 }], false);
  clock.set(at(9, "15:00:00"));
  must(await new CancelOrder(deps).execute({ actor: ADMIN, orderId: o3.id }));
  clock.set(at(17, "11:00:00"));
  must(await new RefundOrder(deps).execute({ actor: ADMIN, orderId: o2.id, restock: false }));
  const o5 = await place(customers.erin, at(28, "23:59:59"), [
    { sku: "TEE", quantity: 1 },
    { sku: "POSTER", quantity: 2 },
  ]);
  const o6 = await place(customers.bob, at(29), [{ sku: "MUG", quantity: 1 }]);
  const now = at(30, "12:00:00");
  clock.set(now);

  const dispatcher = new InProcessDispatcher();
  registerHandlers(
    dispatcher,
    new AnalyticsRefresher({ customerStats: new KyselyCustomerStats(db, dialect), reports: deps.reports, clock }).handlers(),
  );
  registerHandlers(
    dispatcher,
    new BoughtTogetherRecorder({ pairs: new KyselyProductPairs(db, persistence.processedEvents), clock }).handlers(),
  );
  const processor = new OutboxProcessor({ source: new KyselyOutboxSource(persistence.relay, db), dispatcher, logger: silentLogger });
  return { deps, customers, products, orders: [o1, o2, o3, o4, o5, o6], now, drain: () => processor.drain() };
}

function must<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`seeding failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

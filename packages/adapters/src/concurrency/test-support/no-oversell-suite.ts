import { available, type CartLine, type StockLevel } from "@emporium/domain";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { SeededRandom } from "../../seed/seeded-random.js";
import type { ConcurrencyStore, ConcurrencyTarget } from "./concurrency-targets.js";
import { RESERVATION_TTL_SECONDS, SHOP_OPENS_AT, type CheckoutOutcome, type ConfirmOutcome, type SweepOutcome } from "./shop-operations.js";
import { customersWithCarts, outboxPayloads, reservations, stockLevel, stockProduct } from "./shop-seed.js";
import { everyShopper } from "./shoppers.js";

// Past every reservation's expiry: what the sweepers use as "now".
const LATER = new Date(new Date(SHOP_OPENS_AT).getTime() + (RESERVATION_TTL_SECONDS + 3600) * 1000).toISOString();
const TIMEOUT = 60_000;

interface Tally {
  readonly placed: Extract<CheckoutOutcome, { status: "placed" }>[];
  readonly insufficient: Exclude<CheckoutOutcome, { status: "placed" }>[];
  /** Anything else: a busy database, a deadlock, a serialization failure, a wrong refusal. */
  readonly other: Exclude<CheckoutOutcome, { status: "placed" }>[];
}

function tally(outcomes: readonly CheckoutOutcome[]): Tally {
  const placed = outcomes.filter((o) => o.status === "placed");
  const failed = outcomes.filter((o) => o.status !== "placed");
  const isInsufficient = (o: CheckoutOutcome): boolean => o.status === "refused" && o.code === "stock.insufficient";
  return { placed, insufficient: failed.filter(isInsufficient), other: failed.filter((o) => !isInsufficient(o)) };
}

/** Every customer checks out at once, spread over the shoppers. */
function checkoutAll(store: ConcurrencyStore, customerIds: readonly string[]): Promise<CheckoutOutcome[]> {
  return everyShopper(store.shoppers, customerIds, (shopper, share) =>
    store.shoppers.run(shopper, { op: "checkout", customerIds: share, parallelism: store.parallelism, approvePayments: false }),
  );
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: Math.round(performance.now() - started) };
}

const levelText = (level: StockLevel): string => `${level.sku} on_hand ${level.onHand} reserved ${level.reserved}`;

function report(
  dialect: string,
  label: string,
  figures: { tally?: Tally; levels: readonly StockLevel[]; ms: number; extra?: string },
): void {
  const counts =
    figures.tally === undefined
      ? ""
      : `${figures.tally.placed.length} placed, ${figures.tally.insufficient.length} stock.insufficient, ${figures.tally.other.length} other errors, `;
  const extra = figures.extra === undefined ? "" : `${figures.extra}, `;
  console.log(`[concurrency ${dialect}] ${label}: ${counts}${extra}${figures.levels.map(levelText).join(", ")}, ${figures.ms} ms`);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** Units of `sku` each placed checkout asked for, by the cart the test gave its customer. */
function placedUnits(placed: Tally["placed"], carts: ReadonlyMap<string, readonly CartLine[]>, sku: string): number {
  return placed.reduce(
    (sum, outcome) => sum + (carts.get(outcome.customerId) ?? []).filter((l) => l.sku === sku).reduce((n, l) => n + l.quantity, 0),
    0,
  );
}

/**
 * The no-oversell scenarios of DESIGN §10 and §13 against one SQL target: many checkouts, sweepers
 * and payment confirmations at once, each on its own connection and transaction. Call it at the top
 * level of a test file; it skips (one line saying why) when the target's server is not there.
 */
export async function noOversellSuite(target: ConcurrencyTarget): Promise<void> {
  const reason = await target.unavailable();
  if (reason !== null) console.warn(`${target.dialect} concurrency tests skipped: ${reason}`);

  describe.skipIf(reason !== null)(`checkout under real concurrency on ${target.dialect}`, () => {
    const { dialect } = target;
    let store: ConcurrencyStore;
    beforeEach(async () => {
      store = await target.open();
    }, TIMEOUT);
    afterEach(async () => {
      await store?.close();
    });
    afterAll(async () => {
      await target.dispose();
    });

    it(
      "sells exactly the 37 in stock to 500 customers checking out one each at once",
      async () => {
        const { persistence } = store;
        await stockProduct(persistence, { HOT: 37 });
        const customers = await customersWithCarts(
          persistence,
          Array.from({ length: 500 }, () => [{ sku: "HOT", quantity: 1 }]),
        );

        const { value: outcomes, ms } = await timed(() => checkoutAll(store, customers));
        const result = tally(outcomes);
        const level = await stockLevel(persistence, "HOT");
        report(dialect, "500 checkouts of 1 against stock 37", { tally: result, levels: [level], ms });

        expect(result.other).toEqual([]);
        expect(result.placed).toHaveLength(37);
        expect(result.insufficient).toHaveLength(463);
        expect(level).toMatchObject({ onHand: 37, reserved: 37 });
        // What is stored agrees with what the callers were told.
        const stored = await reservations(persistence);
        expect(stored).toHaveLength(37);
        expect(stored.every((r) => r.status === "active" && r.lines.length === 1 && r.lines[0]?.quantity === 1)).toBe(true);
        const orderIds = await persistence.database.db.selectFrom("orders").select("id").execute();
        expect(orderIds.map((row) => row.id).sort()).toEqual(result.placed.map((o) => o.orderId).sort());
        // A refused checkout rolled back whole: its cart still holds the line.
        const { lines } = await persistence.database.db
          .selectFrom("cart_lines")
          .select((eb) => eb.fn.countAll<number>().as("lines"))
          .executeTakeFirstOrThrow();
        expect(Number(lines)).toBe(463);
      },
      TIMEOUT,
    );

    it(
      "reserves exactly what the placed orders hold when 200 customers ask for 1 to 5 of 100 at once",
      async () => {
        const { persistence } = store;
        await stockProduct(persistence, { BULK: 100 });
        const random = new SeededRandom(20250301);
        const carts = Array.from({ length: 200 }, () => [{ sku: "BULK", quantity: random.int(1, 5) }]);
        const customers = await customersWithCarts(persistence, carts);
        const cartOf = new Map(customers.map((id, index) => [id, carts[index] ?? []]));

        const { value: outcomes, ms } = await timed(() => checkoutAll(store, customers));
        const result = tally(outcomes);
        const level = await stockLevel(persistence, "BULK");
        report(dialect, "200 checkouts of 1-5 against stock 100", { tally: result, levels: [level], ms });

        expect(result.other).toEqual([]);
        expect(result.placed.length).toBeGreaterThan(0);
        expect(result.insufficient.length).toBeGreaterThan(0);
        const sold = placedUnits(result.placed, cartOf, "BULK");
        expect(result.placed.map((o) => o.quantity).reduce((a, b) => a + b, 0)).toBe(sold);
        expect(level.onHand).toBe(100);
        expect(sold).toBe(100 - available(level));
        expect(level.reserved).toBe(sold);
        // Stock only went down during the run, so every refusal asked for more than is left even now.
        const left = available(level);
        for (const refused of result.insufficient) expect(cartOf.get(refused.customerId)?.[0]?.quantity).toBeGreaterThan(left);
        const stored = await reservations(persistence);
        expect(stored.flatMap((r) => r.lines).reduce((sum, line) => sum + line.quantity, 0)).toBe(sold);
      },
      TIMEOUT,
    );

    it(
      "neither deadlocks nor leaves a cart half reserved when 200 carts hold two SKUs in opposite orders",
      async () => {
        const { persistence } = store;
        await stockProduct(persistence, { ALPHA: 180, BRAVO: 150 });
        const random = new SeededRandom(7);
        const carts = Array.from({ length: 200 }, (_, index): CartLine[] => {
          const alpha = { sku: "ALPHA", quantity: random.int(1, 3) };
          const bravo = { sku: "BRAVO", quantity: random.int(1, 3) };
          return index % 2 === 0 ? [alpha, bravo] : [bravo, alpha];
        });
        const customers = await customersWithCarts(persistence, carts);
        const cartOf = new Map(customers.map((id, index) => [id, carts[index] ?? []]));

        const { value: outcomes, ms } = await timed(() => checkoutAll(store, customers));
        const result = tally(outcomes);
        const levels = [await stockLevel(persistence, "ALPHA"), await stockLevel(persistence, "BRAVO")];
        report(dialect, "200 two-SKU checkouts in opposite orders", { tally: result, levels, ms });

        expect(result.other).toEqual([]);
        expect(result.placed.length).toBeGreaterThan(0);
        expect(result.insufficient.length).toBeGreaterThan(0);
        const stored = await reservations(persistence);
        expect(stored).toHaveLength(result.placed.length);
        for (const reservation of stored) expect(reservation.lines.map((line) => line.sku).sort()).toEqual(["ALPHA", "BRAVO"]);
        for (const level of levels) {
          expect(level.reserved).toBe(placedUnits(result.placed, cartOf, level.sku));
          expect(level.reserved).toBeLessThanOrEqual(level.onHand);
        }
        expect(levels.map((l) => l.onHand)).toEqual([180, 150]);
      },
      TIMEOUT,
    );

    it(
      "releases each reservation exactly once when two sweepers expire the same ones at once",
      async () => {
        const { persistence, shoppers } = store;
        await stockProduct(persistence, { MUG: 200 });
        const customers = await customersWithCarts(
          persistence,
          Array.from({ length: 80 }, () => [{ sku: "MUG", quantity: 2 }]),
        );
        const placed = tally(await checkoutAll(store, customers));
        expect(placed.placed).toHaveLength(80);
        expect(await stockLevel(persistence, "MUG")).toMatchObject({ onHand: 200, reserved: 160 });

        const { value: sweeps, ms } = await timed(() =>
          Promise.all([
            shoppers.run(0, { op: "sweep", now: LATER, limit: 1_000 }),
            shoppers.run(1, { op: "sweep", now: LATER, limit: 1_000 }),
          ]),
        );
        const level = await stockLevel(persistence, "MUG");
        const expired = sweeps.map((s) => (s.status === "swept" ? s.expired : NaN));
        report(dialect, "two sweepers over 80 due reservations", { levels: [level], ms, extra: `expired ${expired.join(" + ")}` });

        expect(sweeps.filter((s) => s.status !== "swept")).toEqual([]);
        expect(expired.reduce((a, b) => a + b, 0)).toBe(80);
        expect(level).toMatchObject({ onHand: 200, reserved: 0 });
        expect((await reservations(persistence)).map((r) => r.status)).toEqual(Array.from({ length: 80 }, () => "expired"));
        const cancelled = await outboxPayloads(persistence, "order.cancelled");
        expect(cancelled.map((p) => p.orderId).sort()).toEqual(placed.placed.map((o) => o.orderId).sort());
        for (const { orderId } of placed.placed) {
          const order = await persistence.repos.orders.findById(orderId);
          expect(order?.status).toBe("cancelled");
          expect(order?.history.map((step) => step.event)).toEqual(["reservation_expired"]);
        }
      },
      TIMEOUT,
    );

    it(
      "never both releases and sells a reservation raced between ConfirmPayment and ExpireReservations",
      async () => {
        const { persistence, shoppers } = store;
        await stockProduct(persistence, { LAMP: 300 });
        const random = new SeededRandom(42);
        const carts = Array.from({ length: 80 }, () => [{ sku: "LAMP", quantity: random.int(1, 2) }]);
        const customers = await customersWithCarts(persistence, carts);
        // One shopper places and pays every order: the simulated provider knows its payments only there.
        const placed = tally(
          await shoppers.run(0, { op: "checkout", customerIds: customers, parallelism: store.parallelism, approvePayments: true }),
        );
        expect(placed.placed).toHaveLength(80);
        const quantityOf = new Map(placed.placed.map((o) => [o.orderId, o.quantity]));

        // Each order is raced on its own: its confirmation (shopper 0) and the sweeper's expiry of its
        // reservation (shopper 1) start together on two connections, so either may win; four races at a time.
        const races = chunk(random.shuffle(placed.placed), 4);
        const { value: raced, ms } = await timed(async () => {
          const results: { confirms: ConfirmOutcome[]; sweeps: SweepOutcome[] } = { confirms: [], sweeps: [] };
          for (const round of races) {
            const outcomes = await Promise.all(
              round.map((order) =>
                Promise.all([
                  shoppers.run(0, { op: "confirm", orderIds: [order.orderId], parallelism: 1 }),
                  shoppers.run(1, { op: "expire", reservationIds: [order.reservationId], now: LATER }),
                ]),
              ),
            );
            for (const [confirmed, swept] of outcomes) {
              results.confirms.push(...confirmed);
              results.sweeps.push(swept);
            }
          }
          return results;
        });
        const { confirms, sweeps } = raced;
        const level = await stockLevel(persistence, "LAMP");
        const paidIds = confirms.filter((c) => c.status === "paid").map((c) => c.orderId);
        const refundedIds = confirms.filter((c) => c.status === "refunded").map((c) => c.orderId);
        report(dialect, "ConfirmPayment racing ExpireReservations over 80 orders", {
          levels: [level],
          ms,
          extra: `${paidIds.length} paid, ${refundedIds.length} expired then refunded, ${confirms.length - paidIds.length - refundedIds.length} other`,
        });

        expect(sweeps.filter((sweep) => sweep.status !== "swept")).toEqual([]);
        expect(sweeps.reduce((sum, sweep) => sum + (sweep.status === "swept" ? sweep.expired : 0), 0)).toBe(refundedIds.length);
        expect(paidIds.length + refundedIds.length).toBe(80);
        const soldUnits = paidIds.reduce((sum, id) => sum + (quantityOf.get(id) ?? 0), 0);
        expect(level).toEqual({ sku: "LAMP", onHand: 300 - soldUnits, reserved: 0, lowStockThreshold: 2 });
        const { delta } = await persistence.database.db
          .selectFrom("inventory_movements")
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("delta"), eb.lit(0)).as("delta"))
          .where("reason", "=", "sale")
          .executeTakeFirstOrThrow();
        // Sale movements take exactly the units of the paid orders off the shelf.
        expect(Number(delta) + soldUnits).toBe(0);

        for (const orderId of paidIds) {
          const order = await persistence.repos.orders.findById(orderId);
          expect(order?.status).toBe("paid");
          expect((await persistence.repos.inventory.findReservationById(order?.reservationId ?? ""))?.status).toBe("committed");
        }
        for (const orderId of refundedIds) {
          const order = await persistence.repos.orders.findById(orderId);
          expect(order).toMatchObject({ status: "cancelled", payment: { status: "refunded" } });
          expect((await persistence.repos.inventory.findReservationById(order?.reservationId ?? ""))?.status).toBe("expired");
        }
        const paidEvents = await outboxPayloads(persistence, "order.paid");
        expect(paidEvents.map((p) => p.orderId).sort()).toEqual([...paidIds].sort());
        const cancelled = await outboxPayloads(persistence, "order.cancelled");
        expect(
          cancelled
            .filter((p) => p.reason === "reservation_expired")
            .map((p) => p.orderId)
            .sort(),
        ).toEqual([...refundedIds].sort());
        expect(
          cancelled
            .filter((p) => p.refunded === true)
            .map((p) => p.orderId)
            .sort(),
        ).toEqual([...refundedIds].sort());
      },
      TIMEOUT,
    );
  });
}

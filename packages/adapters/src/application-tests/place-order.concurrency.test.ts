import {
  CancelOrder,
  ExpireReservations,
  PayOrder,
  PlaceOrder,
  type CartLine,
  type CreatedPayment,
  type CreatePaymentInput,
  type IdGenerator,
} from "@emporium/domain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SimulatedPaymentGateway } from "../payments/simulated/simulated-payment-gateway.js";
import { ADDRESS, ShopFixture } from "./test-support/shop-fixture.js";

const INITIAL: Readonly<Record<string, number>> = { A: 5, B: 3, C: 8 };
const SKUS = Object.keys(INITIAL);

// The provider answers whenever the scheduler decides, in the middle of each checkout's transaction.
class ScheduledPaymentGateway extends SimulatedPaymentGateway {
  constructor(
    private readonly scheduler: fc.Scheduler,
    ids: IdGenerator,
  ) {
    super(ids);
  }

  override async createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
    await this.scheduler.schedule(Promise.resolve(), `createPayment ${input.orderId}`);
    return super.createPayment(input);
  }
}

const shopper = fc.record({
  quantities: fc.tuple(fc.nat(4), fc.nat(4), fc.nat(4)).filter((q) => q.some((n) => n > 0)),
  then: fc.constantFrom("nothing", "pay", "cancel", "pay_then_cancel"),
});

describe("PlaceOrder under concurrency", () => {
  it("never oversells: reserved stock is exactly what pending orders hold, on hand what paid orders took", async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(shopper, { minLength: 2, maxLength: 8 }), fc.boolean(), async (s, shoppers, sweep) => {
        const shop = new ShopFixture();
        const deps = { ...shop.deps, payments: new ScheduledPaymentGateway(s, shop.ids) };
        await shop.addProduct(
          "things",
          SKUS.map((sku) => ({ sku, price: 1000, stock: INITIAL[sku] ?? 0, lowStockThreshold: 1 })),
        );

        const placedIds: string[] = [];
        const runs = shoppers.map(async ({ quantities, then }) => {
          const customerId = (await shop.addCustomer()).id;
          const lines: CartLine[] = SKUS.flatMap((sku, i) => ((quantities[i] ?? 0) > 0 ? [{ sku, quantity: quantities[i] ?? 0 }] : []));
          await shop.fillCart(customerId, lines);
          // Gate each step on the scheduler (not scheduleFunction: waiting for a task that itself waits on the scheduler deadlocks).
          await s.schedule(Promise.resolve(), "checkout");
          const placed = await new PlaceOrder(deps).execute({ customerId, shippingAddress: ADDRESS });
          if (!placed.ok) {
            expect(placed.error.code).toBe("stock.insufficient");
            return;
          }
          placedIds.push(placed.value.id);
          if (then === "pay" || then === "pay_then_cancel") {
            await s.schedule(Promise.resolve(), "pay");
            await new PayOrder(deps).execute({ orderId: placed.value.id, customerId, paymentMethod: "pm_card_visa" });
          }
          if (then === "cancel" || then === "pay_then_cancel") {
            await s.schedule(Promise.resolve(), "cancel");
            await new CancelOrder(deps).execute({ orderId: placed.value.id, actor: { id: customerId, role: "customer" } });
          }
        });
        if (sweep) {
          runs.push(
            s.schedule(Promise.resolve(), "sweep").then(async () => {
              await new ExpireReservations(deps).execute({ limit: 100, now: new Date(shop.clock.now().getTime() + 3_600_000) });
            }),
          );
        }
        await s.waitFor(Promise.all(runs));

        const orders = [...shop.persistence.state.orders.values()];
        // Every checkout that reported success is stored: no write was lost to another transaction.
        expect(orders.map((o) => o.id).sort()).toEqual([...placedIds].sort());
        for (const sku of SKUS) {
          const level = await shop.level(sku);
          const held = (status: string) =>
            orders
              .filter((o) => o.status === status)
              .reduce((sum, o) => sum + o.lines.filter((l) => l.sku === sku).reduce((n, l) => n + l.quantity, 0), 0);
          expect(level.reserved).toBeGreaterThanOrEqual(0);
          expect(level.reserved).toBeLessThanOrEqual(level.onHand);
          expect(level.reserved).toBe(held("pending_payment"));
          expect(level.onHand).toBe((INITIAL[sku] ?? 0) - held("paid"));
        }
        for (const order of orders) {
          const reservation = shop.persistence.state.reservations.get(order.reservationId);
          if (order.status === "pending_payment") expect(reservation?.status).toBe("active");
          if (order.status === "paid") expect(reservation?.status).toBe("committed");
        }
      }),
      { numRuns: 100 },
    );
  });
});

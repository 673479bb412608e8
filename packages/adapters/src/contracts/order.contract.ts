import type { Order } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { aReservation, anOrder, at, collectPages, seedCustomer, seedOrder, seedProduct, uid } from "./fixtures.js";
import { useHarness, type CreateHarness } from "./harness.js";

export function orderRepositoryContract(create: CreateHarness): void {
  describe("OrderRepository", () => {
    const store = useHarness(create);
    const repos = () => store().repos;

    /** The next version of `order`, as a use case would save it. */
    const paid = (order: Order, eventId = uid("evt")): Order => ({
      ...order,
      status: "paid",
      payment: { ...order.payment, status: "succeeded" },
      history: [...order.history, { eventId, from: order.status, to: "paid", event: "payment_succeeded", at: at(1), actor: "system" }],
      version: order.version + 1,
      updatedAt: at(1),
    });

    it("round-trips an order by id, payment id and reservation id", async () => {
      const order = await seedOrder(repos(), {
        overrides: {
          couponCode: "SAVE10",
          payment: { provider: "simulated", paymentId: uid("pay"), status: "pending", clientSecret: "secret_1", attempts: 2 },
          history: [
            { eventId: uid("evt"), from: "pending_payment", to: "pending_payment", event: "payment_failed", at: at(1), actor: "system" },
          ],
        },
      });
      expect(await repos().orders.findById(order.id)).toEqual(order);
      expect(await repos().orders.findByPaymentId(order.payment.paymentId)).toEqual(order);
      expect(await repos().orders.findByReservationId(order.reservationId)).toEqual(order);
    });

    it("returns null for an unknown id, payment id or reservation id", async () => {
      expect(await repos().orders.findById(uid("missing"))).toBeNull();
      expect(await repos().orders.findByPaymentId(uid("missing"))).toBeNull();
      expect(await repos().orders.findByReservationId(uid("missing"))).toBeNull();
    });

    it("hands out unique, increasing order numbers", async () => {
      const numbers = [];
      for (let i = 0; i < 3; i++) numbers.push(await repos().orders.nextNumber());
      numbers.push(...(await Promise.all([repos().orders.nextNumber(), repos().orders.nextNumber()])));
      expect(new Set(numbers).size).toBe(5);
      for (const number of numbers) expect(number).toMatch(/^EM-\d{6,}$/);
      const values = numbers.slice(0, 3).map((n) => Number(n.slice(3)));
      expect(values).toEqual([...values].sort((a, b) => a - b));
    });

    it("refuses a second order with a taken number", async () => {
      const order = await seedOrder(repos());
      await expect(seedOrder(repos(), { overrides: { number: order.number } })).rejects.toThrow();
    });

    it("saves an update only over the version it was read at (compare-and-set)", async () => {
      const order = await seedOrder(repos());
      const next = paid(order);
      expect(await repos().orders.update(next)).toBe(true);
      expect(await repos().orders.findById(order.id)).toEqual(next);

      const stale = { ...paid(order), trackingNumber: "LOST" };
      expect(await repos().orders.update(stale)).toBe(false);
      expect(await repos().orders.findById(order.id)).toEqual(next);
      expect(await repos().orders.update({ ...next, id: uid("missing") })).toBe(false);
    });

    it("lets one of two concurrent updates of one version win", async () => {
      const order = await seedOrder(repos());
      const shipped: Order = { ...paid(order), status: "shipped", trackingNumber: "TRACK-1" };
      const results = await Promise.all([repos().orders.update(paid(order)), repos().orders.update(shipped)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await repos().orders.findById(order.id))?.version).toBe(order.version + 1);
    });

    it("lists a customer's orders newest first, page by page, and by status", async () => {
      const customer = await seedCustomer(repos());
      const product = await seedProduct(repos(), {}, 100);
      const orders: Order[] = [];
      for (let i = 0; i < 5; i++)
        orders.push(
          await seedOrder(repos(), {
            customer,
            product,
            overrides: { createdAt: at(i % 3), status: i === 0 ? "cancelled" : "pending_payment" },
          }),
        );
      await seedOrder(repos(), { product });

      const pages = await collectPages((cursor) => repos().orders.list({ customerId: customer.id, limit: 2, cursor }));
      expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
      const listed = pages.flat();
      expect(listed.map((o) => o.id).sort()).toEqual(orders.map((o) => o.id).sort());
      const times = listed.map((o) => o.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(listed.find((o) => o.id === orders[2]!.id)).toEqual(orders[2]);

      const cancelled = await repos().orders.list({ customerId: customer.id, status: "cancelled", limit: 10 });
      expect(cancelled.items.map((o) => o.id)).toEqual([orders[0]!.id]);
      expect(cancelled.nextCursor).toBeNull();
    });

    it("tells whether a customer bought a product in some statuses", async () => {
      const order = await seedOrder(repos(), { overrides: { status: "delivered" } });
      const productId = order.lines[0]!.productId;
      expect(await repos().orders.hasPurchased(order.customerId, productId, ["delivered", "shipped"])).toBe(true);
      expect(await repos().orders.hasPurchased(order.customerId, productId, ["paid"])).toBe(false);
      expect(await repos().orders.hasPurchased(order.customerId, uid("other-product"), ["delivered"])).toBe(false);
      expect(await repos().orders.hasPurchased(uid("other-customer"), productId, ["delivered"])).toBe(false);
    });

    it("keeps a reservation link that resolves inside the same transaction", async () => {
      const customer = await seedCustomer(repos());
      const product = await seedProduct(repos(), {}, 5);
      const reservation = aReservation([{ sku: product.variants[0]!.sku, quantity: 1 }]);
      const order = anOrder({ customerId: customer.id, product, reservationId: reservation.id });
      // Checkout may write the order before the reservation; both commit together.
      const result = await store().uow.run(async (tx) => {
        await tx.orders.insert(order);
        await tx.inventory.insertReservation(reservation);
        return { ok: true as const, value: null };
      });
      expect(result.ok).toBe(true);
      expect(await repos().orders.findByReservationId(reservation.id)).toEqual(order);
    });
  });
}

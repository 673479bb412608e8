import {
  AddCartItem,
  ConfirmPayment,
  ExpireReservations,
  PayOrder,
  PlaceOrder,
  type Repositories,
  type UnitOfWork,
} from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { JoseTokenService } from "../auth/jose-token-service.js";
import { ADDRESS, ShopFixture, expectOk } from "./test-support/shop-fixture.js";

// Only a guest's cart needs a token; a customer's does not.
const tokens = new JoseTokenService({ secret: "checkout-reads-secret-of-at-least-32-bytes", issuer: "emporium", audience: "emporium-api" });

// The reads the cart and checkout path makes, counted per repository method, in and out of transactions.
type Counted =
  "products.findManyBySkus" | "inventory.findManyBySkus" | "inventory.findForSale" | "orders.findById" | "inventory.findReservationById";
const COUNTED: readonly Counted[] = [
  "products.findManyBySkus",
  "inventory.findManyBySkus",
  "inventory.findForSale",
  "orders.findById",
  "inventory.findReservationById",
];

function countingRepos(repos: Repositories, counts: Map<string, number>): Repositories {
  const wrapped: Record<string, unknown> = { ...repos };
  for (const repo of new Set(COUNTED.map((name) => name.split(".")[0] as keyof Repositories))) {
    wrapped[repo] = new Proxy(repos[repo], {
      get(object, key, receiver) {
        const value = Reflect.get(object, key, receiver) as unknown;
        const name = `${repo}.${String(key)}`;
        if (!(COUNTED as readonly string[]).includes(name) || typeof value !== "function") return value;
        return (...args: unknown[]) => {
          counts.set(name, (counts.get(name) ?? 0) + 1);
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });
  }
  return wrapped as unknown as Repositories;
}

describe("reads of the cart and checkout path", () => {
  let shop: ShopFixture;
  let customerId: string;
  const counts = new Map<string, number>();
  let deps: ShopFixture["deps"];

  beforeEach(async () => {
    shop = new ShopFixture();
    await shop.addProduct("mug", [{ sku: "MUG", price: 1250, stock: 5 }]);
    await shop.addProduct("tee", [{ sku: "TEE", price: 1999, stock: 5 }]);
    customerId = (await shop.addCustomer()).id;
    counts.clear();
    const uow: UnitOfWork = { run: (work) => shop.deps.uow.run((tx) => work(countingRepos(tx, counts))) };
    deps = { ...shop.deps, uow, repos: countingRepos(shop.deps.repos, counts) };
  });

  const counted = () => Object.fromEntries(COUNTED.map((name) => [name, counts.get(name) ?? 0]));

  it("adding to the cart reads the variants, products and stock of the cart in one read", async () => {
    await shop.fillCart(customerId, [{ sku: "TEE", quantity: 1 }]);
    const view = expectOk(await new AddCartItem({ ...deps, tokens }).execute({ customerId, sku: "MUG", quantity: 2 }));
    expect(view.lines.map((line) => [line.sku, line.quantity, line.available])).toEqual([
      ["TEE", 1, 5],
      ["MUG", 2, 5],
    ]);
    expect(counted()).toMatchObject({ "inventory.findForSale": 1, "products.findManyBySkus": 0, "inventory.findManyBySkus": 0 });
  });

  it("checkout with a coupon reads the cart's SKUs once", async () => {
    await shop.addPromotion({ code: "TENOFF", kind: "percent_off", value: 1000 });
    await shop.fillCart(customerId, [{ sku: "MUG", quantity: 2 }], "TENOFF");
    const order = expectOk(await new PlaceOrder(deps).execute({ customerId, shippingAddress: ADDRESS }));
    expect(order.couponCode).toBe("TENOFF");
    expect(order.totals.discount).toBe(250);
    expect(counted()).toMatchObject({ "inventory.findForSale": 1, "products.findManyBySkus": 0 });
  });

  it("paying reads the order and its reservation once", async () => {
    const placed = await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 2 }]);
    counts.clear();
    const paid = expectOk(await new PayOrder(deps).execute({ orderId: placed.id, customerId, paymentMethod: "pm_card_visa" }));
    expect(paid).toMatchObject({ status: "paid", version: 2 });
    expect(await shop.level("MUG")).toMatchObject({ onHand: 3, reserved: 0 });
    expect(counted()).toMatchObject({ "orders.findById": 1, "inventory.findReservationById": 1 });
  });

  it("a confirmation handed a reservation that lapsed since it was read reads it again and still commits it", async () => {
    const placed = await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 2 }]);
    const reservation = await shop.deps.repos.inventory.findReservationById(placed.reservationId);
    const { inventory } = shop.deps.repos;
    expect(await inventory.updateReservationStatus(placed.reservationId, "active", "expired")).toBe(true);
    expect(await inventory.applyDelta("MUG", { onHand: 0, reserved: -2 })).not.toBeNull();

    const confirmed = expectOk(
      await new ConfirmPayment(shop.deps).execute({ orderId: placed.id, eventId: "evt_1" }, { order: placed, reservation }),
    );
    expect(confirmed).toMatchObject({ outcome: "paid", order: { status: "paid" } });
    expect(await shop.level("MUG")).toMatchObject({ onHand: 3, reserved: 0 });
    expect((await inventory.findReservationById(placed.reservationId))?.status).toBe("committed");
  });

  it("a confirmation handed an order cancelled since it was read starts again from the stored order", async () => {
    const placed = await shop.placeOrder(customerId, [{ sku: "MUG", quantity: 2 }]);
    const reservation = await shop.deps.repos.inventory.findReservationById(placed.reservationId);
    shop.clock.advanceSeconds(901);
    expect(expectOk(await new ExpireReservations(shop.deps).execute({ limit: 10 })).expired).toBe(1);
    expectOk(await shop.payments.confirm(placed.payment.paymentId, "pm_card_visa"));

    const confirmed = expectOk(
      await new ConfirmPayment(shop.deps).execute({ orderId: placed.id, eventId: "evt_1" }, { order: placed, reservation }),
    );
    expect(confirmed).toMatchObject({ outcome: "refunded", order: { status: "cancelled", payment: { status: "refunded" } } });
    expect(await shop.level("MUG")).toMatchObject({ onHand: 5, reserved: 0 });
    expect(shop.payments.find(placed.payment.paymentId)?.refunds).toHaveLength(1);
  });
});

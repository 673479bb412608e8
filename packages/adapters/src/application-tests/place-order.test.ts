import { PlaceOrder } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { SimulatedPaymentGateway } from "../payments/simulated/simulated-payment-gateway.js";
import { ADDRESS, ShopFixture, expectErr, expectOk } from "./test-support/shop-fixture.js";

describe("PlaceOrder", () => {
  let shop: ShopFixture;
  let customerId: string;

  beforeEach(async () => {
    shop = new ShopFixture();
    await shop.addProduct("classic-tee", [
      { sku: "TEE-M", price: 1999, stock: 10, options: { size: "M" } },
      { sku: "TEE-L", price: 2199, stock: 1, options: { size: "L" } },
    ]);
    await shop.addProduct("mug", [{ sku: "MUG", price: 1250, stock: 5 }]);
    customerId = (await shop.addCustomer()).id;
  });

  const place = (input: Partial<Parameters<PlaceOrder["execute"]>[0]> = {}) =>
    new PlaceOrder(shop.deps).execute({ customerId, shippingAddress: ADDRESS, ...input });

  it("prices the cart from the catalogue, reserves the stock, creates the payment and empties the cart", async () => {
    await shop.fillCart(customerId, [
      { sku: "TEE-M", quantity: 2 },
      { sku: "MUG", quantity: 1 },
    ]);
    const order = expectOk(await place());

    expect(order).toMatchObject({ number: "EM-000001", status: "pending_payment", customerId, currency: "USD", version: 1 });
    expect(order.lines.map((l) => [l.sku, l.quantity, l.unitPrice, l.subtotal, l.tax, l.total])).toEqual([
      ["TEE-M", 2, 1999, 3998, 800, 4798],
      ["MUG", 1, 1250, 1250, 250, 1500],
    ]);
    expect(order.lines[0]).toMatchObject({ productSlug: "classic-tee", name: "classic tee", options: { size: "M" } });
    expect(order.totals).toEqual({ subtotal: 5248, discount: 0, tax: 1050, shipping: 0, total: 6298 });
    expect(order.payment).toMatchObject({ provider: "simulated", status: "pending", attempts: 0 });
    expect(order.payment.paymentId).toMatch(/^pay_/);
    expect(shop.payments.find(order.payment.paymentId)).toMatchObject({ orderId: order.id, amount: 6298, currency: "USD" });

    expect(await shop.level("TEE-M")).toMatchObject({ onHand: 10, reserved: 2 });
    expect(await shop.level("MUG")).toMatchObject({ onHand: 5, reserved: 1 });
    const reservation = await shop.deps.repos.inventory.findReservationById(order.reservationId);
    expect(reservation).toMatchObject({
      status: "active",
      lines: [
        { sku: "MUG", quantity: 1 },
        { sku: "TEE-M", quantity: 2 },
      ],
    });
    expect(reservation?.expiresAt.toISOString()).toBe("2025-03-01T10:15:00.000Z");

    expect((await shop.deps.repos.carts.findByCustomerId(customerId))?.lines).toEqual([]);
    expect(await shop.order(order.id)).toEqual(order);
    const placed = await shop.events("order.placed");
    expect(placed.map((e) => e.payload)).toEqual([expect.objectContaining({ orderId: order.id, customerId, total: 6298 })]);
    expect((await shop.events("stock.changed")).map((e) => e.payload["sku"])).toEqual(["MUG", "TEE-M"]);
  });

  it("charges shipping below the free-shipping threshold", async () => {
    await shop.fillCart(customerId, [{ sku: "MUG", quantity: 1 }]);
    const order = expectOk(await place());
    expect(order.totals).toEqual({ subtotal: 1250, discount: 0, tax: 250, shipping: 500, total: 2000 });
  });

  it("announces stock.low when a checkout takes a SKU down to its threshold", async () => {
    await shop.fillCart(customerId, [{ sku: "MUG", quantity: 3 }]);
    expectOk(await place());
    expect((await shop.events("stock.low")).map((e) => e.payload)).toEqual([expect.objectContaining({ sku: "MUG", available: 2 })]);
  });

  it("refuses an empty cart and a customer without a cart", async () => {
    expect(expectErr(await place())).toMatchObject({ code: "request.invalid", errors: [{ path: "cart" }] });
    await shop.fillCart(customerId, []);
    expect(expectErr(await place())).toMatchObject({ code: "request.invalid", errors: [{ path: "cart" }] });
  });

  it("refuses an invalid shipping address before touching anything", async () => {
    await shop.fillCart(customerId, [{ sku: "MUG", quantity: 1 }]);
    const error = expectErr(await place({ shippingAddress: { ...ADDRESS, city: " ", country: "gb" } }));
    expect(error).toMatchObject({ code: "request.invalid" });
    expect(error.code === "request.invalid" && error.errors.map((e) => e.path)).toEqual([
      "shippingAddress.city",
      "shippingAddress.country",
    ]);
    expect(await shop.level("MUG")).toMatchObject({ reserved: 0 });
  });

  it("names a SKU that is unknown or no longer for sale", async () => {
    await shop.addProduct("old-hat", [{ sku: "HAT", price: 900, stock: 3 }], { status: "archived" });
    await shop.fillCart(customerId, [
      { sku: "MUG", quantity: 1 },
      { sku: "HAT", quantity: 1 },
      { sku: "GHOST", quantity: 1 },
    ]);
    const error = expectErr(await place());
    expect(error).toMatchObject({ code: "request.invalid" });
    expect(error.message).toContain("HAT");
    expect(error.message).toContain("GHOST");
    expect(await shop.level("MUG")).toMatchObject({ reserved: 0 });
  });

  it("reserves all lines or none, naming each short SKU", async () => {
    await shop.fillCart(customerId, [
      { sku: "MUG", quantity: 2 },
      { sku: "TEE-L", quantity: 3 },
      { sku: "TEE-M", quantity: 11 },
    ]);
    const error = expectErr(await place());
    expect(error).toEqual({
      code: "stock.insufficient",
      message: expect.stringContaining("TEE-L"),
      skus: [
        { sku: "TEE-L", requested: 3, available: 1 },
        { sku: "TEE-M", requested: 11, available: 10 },
      ],
    });
    // MUG was held first (SKU order), then rolled back with the rest.
    expect(await shop.level("MUG")).toMatchObject({ onHand: 5, reserved: 0 });
    expect((await shop.deps.repos.carts.findByCustomerId(customerId))?.lines).toHaveLength(3);
    expect(shop.persistence.state.reservations.size).toBe(0);
    expect(await shop.events()).toEqual([]);
  });

  it("counts stock held by other checkouts as unavailable", async () => {
    const other = (await shop.addCustomer()).id;
    await shop.fillCart(other, [{ sku: "MUG", quantity: 4 }]);
    expectOk(await place({ customerId: other }));
    await shop.fillCart(customerId, [{ sku: "MUG", quantity: 2 }]);
    expect(expectErr(await place())).toMatchObject({ code: "stock.insufficient", skus: [{ sku: "MUG", requested: 2, available: 1 }] });
  });

  it("applies and redeems a coupon from the cart", async () => {
    const promotion = await shop.addPromotion({ code: "SAVE10", kind: "percent_off", value: 1000 });
    await shop.fillCart(customerId, [{ sku: "TEE-M", quantity: 1 }], "save10");
    const order = expectOk(await place());
    expect(order.couponCode).toBe("SAVE10");
    expect(order.totals).toEqual({ subtotal: 1999, discount: 200, tax: 360, shipping: 500, total: 2659 });
    expect(await shop.deps.repos.promotions.countRedemptions(promotion.id, customerId)).toBe(1);
    expect((await shop.deps.repos.promotions.findById(promotion.id))?.timesUsed).toBe(1);
  });

  it("lets the checkout's coupon override the cart's", async () => {
    await shop.addPromotion({ code: "SHIPFREE", kind: "free_shipping", value: 0 });
    await shop.fillCart(customerId, [{ sku: "MUG", quantity: 1 }], "UNKNOWN");
    const order = expectOk(await place({ couponCode: "shipfree" }));
    expect(order.totals.shipping).toBe(0);
  });

  it.each([
    ["unknown", {}, "NOPE"],
    ["expired", { endsAt: new Date("2025-02-01T00:00:00Z") }, "OLD"],
    ["minimum_not_met", { minSubtotal: 10_000 }, "BIG"],
    ["exhausted", { usageLimit: 5, timesUsed: 5 }, "GONE"],
  ] as const)("refuses a coupon that is %s and holds nothing", async (reason, extra, code) => {
    if (reason !== "unknown") await shop.addPromotion({ code, kind: "fixed_off", value: 100, ...extra });
    await shop.fillCart(customerId, [{ sku: "MUG", quantity: 1 }], code);
    expect(expectErr(await place())).toMatchObject({ code: "promotion.not_applicable", reason });
    expect(await shop.level("MUG")).toMatchObject({ reserved: 0 });
  });

  it("enforces the per-customer limit with the customer's own redemptions", async () => {
    await shop.addPromotion({ code: "ONCE", kind: "fixed_off", value: 100, perCustomerLimit: 1 });
    await shop.fillCart(customerId, [{ sku: "MUG", quantity: 1 }], "ONCE");
    expectOk(await place());
    await shop.fillCart(customerId, [{ sku: "MUG", quantity: 1 }], "ONCE");
    expect(expectErr(await place())).toMatchObject({ code: "promotion.not_applicable", reason: "customer_limit" });

    const other = (await shop.addCustomer()).id;
    await shop.fillCart(other, [{ sku: "MUG", quantity: 1 }], "ONCE");
    expectOk(await place({ customerId: other }));
  });

  it("places from a given cart only when it is the customer's", async () => {
    const other = (await shop.addCustomer()).id;
    const cart = await shop.fillCart(other, [{ sku: "MUG", quantity: 1 }]);
    expect(expectErr(await place({ cartId: cart.id }))).toMatchObject({ code: "cart.not_found" });
    expect(expectOk(await place({ customerId: other, cartId: cart.id })).customerId).toBe(other);
  });

  it("rolls everything back when the payment provider fails", async () => {
    class FailingGateway extends SimulatedPaymentGateway {
      override async createPayment(): Promise<never> {
        throw new Error("provider unreachable");
      }
    }
    await shop.fillCart(customerId, [{ sku: "MUG", quantity: 2 }], "SAVE");
    const promotion = await shop.addPromotion({ code: "SAVE", kind: "fixed_off", value: 100 });
    const placeOrder = new PlaceOrder({ ...shop.deps, payments: new FailingGateway() });

    await expect(placeOrder.execute({ customerId, shippingAddress: ADDRESS })).rejects.toThrow("provider unreachable");
    expect(await shop.level("MUG")).toMatchObject({ reserved: 0 });
    expect(shop.persistence.state.reservations.size).toBe(0);
    expect(shop.persistence.state.orders.size).toBe(0);
    expect((await shop.deps.repos.promotions.findById(promotion.id))?.timesUsed).toBe(0);
    expect((await shop.deps.repos.carts.findByCustomerId(customerId))?.lines).toHaveLength(1);
    expect(await shop.events()).toEqual([]);
  });

  it("numbers orders in sequence", async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      await shop.fillCart(customerId, [{ sku: "TEE-M", quantity: 1 }]);
      numbers.push(expectOk(await place()).number);
    }
    expect(numbers).toEqual(["EM-000001", "EM-000002", "EM-000003"]);
  });
});

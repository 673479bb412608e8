import { AddCartItem, ApplyCoupon, ArchiveProduct, GetCart } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, CatalogShop, unwrap } from "./test-support/auth-catalog-fixtures.js";

describe("GetCart", () => {
  let shop: CatalogShop;
  let customerId: string;
  beforeEach(async () => {
    shop = new CatalogShop();
    customerId = (await shop.register()).customer.id;
    await shop.product("tee", [{ sku: "TEE-M", options: { size: "M" }, price: 1999, stock: 5 }], { name: "Classic Tee" });
    await shop.product("mug", [{ sku: "MUG", price: 1250, stock: 1 }]);
  });
  const add = (sku: string, quantity: number) => new AddCartItem(shop.deps).execute({ customerId, sku, quantity });

  it("prices the cart from the catalogue with tax and shipping", async () => {
    unwrap(await add("TEE-M", 2));
    const cart = unwrap(await new GetCart(shop.deps).execute({ customerId }));

    expect(cart).toMatchObject({ customerId, token: null, currency: "USD", coupon: null, unavailableSkus: [] });
    expect(cart.lines).toEqual([
      {
        sku: "TEE-M",
        productId: expect.any(String),
        productSlug: "tee",
        name: "Classic Tee",
        options: { size: "M" },
        quantity: 2,
        unitPrice: 1999,
        subtotal: 3998,
        discount: 0,
        tax: 800,
        total: 4798,
        available: 5,
        inStock: true,
      },
    ]);
    expect(cart.totals).toEqual({ subtotal: 3998, discount: 0, tax: 800, shipping: 500, total: 5298 });
  });

  it("is an empty cart, not an error, when there is none; reading creates nothing", async () => {
    const cart = unwrap(await new GetCart(shop.deps).execute({ token: "unknown-token" }));
    expect(cart).toMatchObject({ id: null, token: null, lines: [], totals: { subtotal: 0, total: 0, shipping: 0 } });
    expect(shop.persistence.state.carts.size).toBe(0);
  });

  it("shows a coupon that stopped applying as not applied instead of failing", async () => {
    await shop.promotion({ code: "BIG10", kind: "percent_off", value: 1000, minSubtotal: 3000 });
    unwrap(await add("TEE-M", 2));
    unwrap(await new ApplyCoupon(shop.deps).execute({ customerId, code: "big10" }));
    expect(unwrap(await new GetCart(shop.deps).execute({ customerId })).coupon).toEqual({
      code: "BIG10",
      applied: true,
      reason: null,
      message: null,
    });
    expect(unwrap(await new GetCart(shop.deps).execute({ customerId })).totals.discount).toBe(400);

    await shop.deps.repos.carts.save({
      ...(await shop.deps.repos.carts.findByCustomerId(customerId))!,
      lines: [{ sku: "TEE-M", quantity: 1 }],
    });
    const cart = unwrap(await new GetCart(shop.deps).execute({ customerId }));
    expect(cart.coupon).toMatchObject({ code: "BIG10", applied: false, reason: "minimum_not_met" });
    expect(cart.totals.discount).toBe(0);
  });

  it("leaves out lines no longer for sale and flags lines beyond the stock", async () => {
    unwrap(await add("TEE-M", 5));
    unwrap(await add("MUG", 1));
    const mug = await shop.productBySlug("mug");
    unwrap(await new ArchiveProduct(shop.deps).execute({ actor: ADMIN, productId: mug.id }));
    await shop.deps.repos.inventory.applyDelta("TEE-M", { onHand: 0, reserved: 2 });

    const cart = unwrap(await new GetCart(shop.deps).execute({ customerId }));
    expect(cart.unavailableSkus).toEqual(["MUG"]);
    expect(cart.lines.map((l) => [l.sku, l.available, l.inStock])).toEqual([["TEE-M", 3, false]]);
  });
});

import { AddCartItem, ApplyCoupon, MergeGuestCart } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { CatalogShop, unwrap } from "./test-support/auth-catalog-fixtures.js";

describe("MergeGuestCart", () => {
  let shop: CatalogShop;
  let merge: MergeGuestCart;
  let customerId: string;
  beforeEach(async () => {
    shop = new CatalogShop();
    merge = new MergeGuestCart(shop.deps);
    customerId = (await shop.register()).customer.id;
    await shop.product("tee", [{ sku: "TEE", stock: 50 }]);
    await shop.product("mug", [{ sku: "MUG", stock: 50 }]);
  });
  const addAsGuest = async (token: string | null, sku: string, quantity: number) =>
    unwrap(await new AddCartItem(shop.deps).execute({ token, sku, quantity })).token ?? "";

  it("folds the guest lines into the customer's cart and deletes the guest cart", async () => {
    unwrap(await new AddCartItem(shop.deps).execute({ customerId, sku: "TEE", quantity: 1 }));
    const token = await addAsGuest(null, "TEE", 2);
    await addAsGuest(token, "MUG", 1);

    const cart = unwrap(await merge.execute({ customerId, token }));

    expect(cart.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ["TEE", 3],
      ["MUG", 1],
    ]);
    expect(await shop.deps.repos.carts.findByToken(token)).toBeNull();
    expect(shop.persistence.state.carts.size).toBe(1);
  });

  it("turns the guest cart into the customer's when the customer has none, keeping its coupon", async () => {
    await shop.promotion({ code: "HELLO", kind: "fixed_off", value: 100 });
    const token = await addAsGuest(null, "MUG", 2);
    unwrap(await new ApplyCoupon(shop.deps).execute({ token, code: "HELLO" }));

    const cart = unwrap(await merge.execute({ customerId, token }));

    expect(cart).toMatchObject({ customerId, token: null, coupon: { code: "HELLO", applied: true } });
    expect(cart.lines.map((l) => [l.sku, l.quantity])).toEqual([["MUG", 2]]);
  });

  it("merges nothing for an unknown token", async () => {
    unwrap(await new AddCartItem(shop.deps).execute({ customerId, sku: "TEE", quantity: 1 }));
    const cart = unwrap(await merge.execute({ customerId, token: "unknown" }));
    expect(cart.lines.map((l) => [l.sku, l.quantity])).toEqual([["TEE", 1]]);
  });
});

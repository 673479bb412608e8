import { AddCartItem, GetCart, UpdateVariant } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("AddCartItem", () => {
  let shop: CatalogShop;
  let add: AddCartItem;
  beforeEach(async () => {
    shop = new CatalogShop();
    add = new AddCartItem(shop.deps);
    await shop.product("tee", [{ sku: "TEE", price: 1999, stock: 3 }]);
  });

  it("creates a customer's cart on first use and adds to an existing line", async () => {
    const { customer } = await shop.register();
    unwrap(await add.execute({ customerId: customer.id, sku: "TEE", quantity: 1 }));
    const cart = unwrap(await add.execute({ customerId: customer.id, sku: "TEE", quantity: 2 }));

    expect(cart.lines.map((l) => [l.sku, l.quantity])).toEqual([["TEE", 3]]);
    expect(cart).toMatchObject({ customerId: customer.id, token: null });
    expect(shop.persistence.state.carts.size).toBe(1);
  });

  it("gives a guest a new cart with a server-made token, which finds the cart again", async () => {
    const first = unwrap(await add.execute({ token: "client-chosen", sku: "TEE", quantity: 1 }));
    expect(first.token).toEqual(expect.any(String));
    expect(first.token).not.toBe("client-chosen");

    unwrap(await add.execute({ token: first.token, sku: "TEE", quantity: 1 }));
    const cart = unwrap(await new GetCart(shop.deps).execute({ token: first.token }));
    expect(cart).toMatchObject({ id: first.id, customerId: null, lines: [{ sku: "TEE", quantity: 2 }] });
  });

  it("refuses more than is available, counting what the cart already holds", async () => {
    const { customer } = await shop.register();
    unwrap(await add.execute({ customerId: customer.id, sku: "TEE", quantity: 2 }));
    const error = unwrapErr(await add.execute({ customerId: customer.id, sku: "TEE", quantity: 2 }));
    expect(error).toMatchObject({ code: "stock.insufficient", skus: [{ sku: "TEE", requested: 4, available: 3 }] });
    expect((await shop.deps.repos.carts.findByCustomerId(customer.id))?.lines).toEqual([{ sku: "TEE", quantity: 2 }]);
  });

  it("reports variant.not_found for an unknown or unpurchasable SKU", async () => {
    const { customer } = await shop.register();
    expect(unwrapErr(await add.execute({ customerId: customer.id, sku: "NOPE", quantity: 1 })).code).toBe("variant.not_found");
    const tee = await shop.productBySlug("tee");
    unwrap(await new UpdateVariant(shop.deps).execute({ actor: ADMIN, productId: tee.id, sku: "TEE", status: "archived" }));
    expect(unwrapErr(await add.execute({ customerId: customer.id, sku: "TEE", quantity: 1 })).code).toBe("variant.not_found");
    await shop.product("draft", [{ sku: "DRAFT" }], { status: "draft" });
    expect(unwrapErr(await add.execute({ customerId: customer.id, sku: "DRAFT", quantity: 1 })).code).toBe("variant.not_found");
    expect(shop.persistence.state.carts.size).toBe(0);
  });

  it("enforces the line quantity and line count limits", async () => {
    const { customer } = await shop.register();
    expect(unwrapErr(await add.execute({ customerId: customer.id, sku: "TEE", quantity: 0 })).code).toBe("cart.quantity_out_of_range");
    expect(unwrapErr(await add.execute({ customerId: customer.id, sku: "TEE", quantity: 1000 })).code).toBe("cart.quantity_out_of_range");

    const now = shop.clock.now();
    const lines = Array.from({ length: 100 }, (_, i) => ({ sku: `OTHER-${i}`, quantity: 1 }));
    await shop.deps.repos.carts.save({
      id: "full",
      customerId: customer.id,
      token: null,
      lines,
      couponCode: null,
      createdAt: now,
      updatedAt: now,
    });
    expect(unwrapErr(await add.execute({ customerId: customer.id, sku: "TEE", quantity: 1 })).code).toBe("cart.too_many_lines");
  });
});

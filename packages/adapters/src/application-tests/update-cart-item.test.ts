import { AddCartItem, UpdateCartItem } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("UpdateCartItem", () => {
  let shop: CatalogShop;
  let update: UpdateCartItem;
  let customerId: string;
  beforeEach(async () => {
    shop = new CatalogShop();
    update = new UpdateCartItem(shop.deps);
    customerId = (await shop.register()).customer.id;
    await shop.product("tee", [{ sku: "TEE", price: 1000, stock: 4 }]);
    await shop.product("mug", [{ sku: "MUG", price: 500, stock: 4 }]);
    unwrap(await new AddCartItem(shop.deps).execute({ customerId, sku: "TEE", quantity: 1 }));
  });

  it("sets the quantity of a line", async () => {
    const cart = unwrap(await update.execute({ customerId, sku: "TEE", quantity: 4 }));
    expect(cart.lines.map((l) => [l.sku, l.quantity, l.subtotal])).toEqual([["TEE", 4, 4000]]);
  });

  it("refuses more than is available", async () => {
    expect(unwrapErr(await update.execute({ customerId, sku: "TEE", quantity: 5 }))).toMatchObject({
      code: "stock.insufficient",
      skus: [{ sku: "TEE", requested: 5, available: 4 }],
    });
  });

  it("refuses a quantity outside 1..999", async () => {
    expect(unwrapErr(await update.execute({ customerId, sku: "TEE", quantity: 0 })).code).toBe("cart.quantity_out_of_range");
  });

  it("reports cart_item.not_found for a SKU not in the cart, or no cart at all", async () => {
    expect(unwrapErr(await update.execute({ customerId, sku: "MUG", quantity: 1 })).code).toBe("cart_item.not_found");
    expect(unwrapErr(await update.execute({ token: "nobody", sku: "TEE", quantity: 1 })).code).toBe("cart_item.not_found");
  });
});

import { AddCartItem, ArchiveProduct, RemoveCartItem } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("RemoveCartItem", () => {
  let shop: CatalogShop;
  let remove: RemoveCartItem;
  let customerId: string;
  beforeEach(async () => {
    shop = new CatalogShop();
    remove = new RemoveCartItem(shop.deps);
    customerId = (await shop.register()).customer.id;
    await shop.product("tee", [{ sku: "TEE" }]);
    await shop.product("mug", [{ sku: "MUG" }]);
    unwrap(await new AddCartItem(shop.deps).execute({ customerId, sku: "TEE", quantity: 1 }));
    unwrap(await new AddCartItem(shop.deps).execute({ customerId, sku: "MUG", quantity: 1 }));
  });

  it("removes the line, also of a product no longer for sale", async () => {
    unwrap(await new ArchiveProduct(shop.deps).execute({ actor: ADMIN, productId: (await shop.productBySlug("mug")).id }));
    const cart = unwrap(await remove.execute({ customerId, sku: "MUG" }));
    expect(cart.unavailableSkus).toEqual([]);
    expect((await shop.deps.repos.carts.findByCustomerId(customerId))?.lines).toEqual([{ sku: "TEE", quantity: 1 }]);
  });

  it("reports cart_item.not_found for a SKU not in the cart, or no cart at all", async () => {
    unwrap(await remove.execute({ customerId, sku: "TEE" }));
    expect(unwrapErr(await remove.execute({ customerId, sku: "TEE" })).code).toBe("cart_item.not_found");
    expect(unwrapErr(await remove.execute({ token: "nobody", sku: "TEE" })).code).toBe("cart_item.not_found");
  });
});

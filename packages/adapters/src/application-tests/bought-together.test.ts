import { GetProduct } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { ShopFixture, expectOk } from "./test-support/shop-fixture.js";

describe("GetProduct's related products with bought-together (in memory)", () => {
  it("lists curated ones, then those bought with it in paid orders (most often first), never archived ones", async () => {
    const shop = new ShopFixture();
    const lamp = await shop.addProduct("lamp", [{ sku: "LAMP", price: 3000, stock: 10 }]);
    await shop.addProduct("tee", [{ sku: "TEE", price: 1000, stock: 20 }], { relatedProductIds: [lamp.id] });
    await shop.addProduct("cap", [{ sku: "CAP", price: 800, stock: 20 }]);
    await shop.addProduct("socks", [{ sku: "SOCKS", price: 500, stock: 20 }]);
    const scarf = await shop.addProduct("scarf", [{ sku: "SCARF", price: 900, stock: 20 }]);
    await shop.addProduct("belt", [{ sku: "BELT", price: 700, stock: 20 }]);

    const buyer = await shop.addCustomer();
    await shop.paidOrder(buyer.id, [
      { sku: "TEE", quantity: 1 },
      { sku: "SOCKS", quantity: 2 },
    ]);
    await shop.paidOrder(buyer.id, [
      { sku: "TEE", quantity: 1 },
      { sku: "CAP", quantity: 1 },
      { sku: "SOCKS", quantity: 1 },
    ]);
    await shop.paidOrder(buyer.id, [
      { sku: "TEE", quantity: 1 },
      { sku: "SCARF", quantity: 1 },
    ]);
    // Never paid: not bought together.
    await shop.placeOrder(buyer.id, [
      { sku: "TEE", quantity: 1 },
      { sku: "BELT", quantity: 1 },
    ]);
    await shop.persistence.repos.products.save({ ...scarf, status: "archived" });

    const { related } = expectOk(await new GetProduct(shop.deps).execute({ slug: "tee" }));

    expect(related.map((p) => p.slug)).toEqual(["lamp", "socks", "cap"]);
    expect(await shop.persistence.repos.recommendations.boughtTogether(scarf.id, 8)).toEqual([
      (await shop.persistence.repos.products.findBySlug("tee"))!.id,
    ]);
  });
});

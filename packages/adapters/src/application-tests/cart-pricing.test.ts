import { priceCartLines } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { ShopFixture, TEST_SETTINGS } from "./test-support/shop-fixture.js";

describe("priceCartLines", () => {
  it("prices from the catalogue with stock figures, leaving out what is not for sale", async () => {
    const shop = new ShopFixture();
    await shop.addProduct("classic-tee", [
      { sku: "TEE-M", price: 1999, stock: 1, options: { size: "M" } },
      { sku: "TEE-XL", price: 2499, stock: 9, options: { size: "XL" }, status: "archived" },
    ]);
    await shop.addProduct("book", [{ sku: "BOOK", price: 1000, stock: 4 }], { taxClass: "reduced" });
    await shop.addProduct("draft", [{ sku: "DRAFT", price: 100, stock: 4 }], { status: "draft" });

    const pricing = await priceCartLines(
      shop.deps.repos,
      TEST_SETTINGS,
      [
        { sku: "BOOK", quantity: 2 },
        { sku: "TEE-XL", quantity: 1 },
        { sku: "TEE-M", quantity: 3 },
        { sku: "DRAFT", quantity: 1 },
        { sku: "GONE", quantity: 1 },
      ],
      null,
    );

    expect(pricing.unknownSkus).toEqual(["TEE-XL", "DRAFT", "GONE"]);
    expect(pricing.lines).toEqual([
      {
        sku: "BOOK",
        productId: expect.any(String),
        productSlug: "book",
        name: "book",
        options: {},
        quantity: 2,
        unitPrice: 1000,
        subtotal: 2000,
        discount: 0,
        tax: 100,
        total: 2100,
        available: 4,
        inStock: true,
      },
      {
        sku: "TEE-M",
        productId: expect.any(String),
        productSlug: "classic-tee",
        name: "classic tee",
        options: { size: "M" },
        quantity: 3,
        unitPrice: 1999,
        subtotal: 5997,
        discount: 0,
        tax: 1199,
        total: 7196,
        available: 1,
        inStock: false,
      },
    ]);
    expect(pricing.priced.totals).toEqual({ subtotal: 7997, discount: 0, tax: 1299, shipping: 0, total: 9296 });
  });

  it("allocates a promotion's discount across the lines", async () => {
    const shop = new ShopFixture();
    await shop.addProduct("mug", [{ sku: "MUG", price: 1000, stock: 10 }]);
    await shop.addProduct("cup", [{ sku: "CUP", price: 500, stock: 10 }]);
    const promotion = await shop.addPromotion({ code: "TENOFF", kind: "fixed_off", value: 1000 });

    const pricing = await priceCartLines(
      shop.deps.repos,
      TEST_SETTINGS,
      [
        { sku: "MUG", quantity: 2 },
        { sku: "CUP", quantity: 2 },
      ],
      promotion,
    );
    expect(pricing.lines.map((l) => l.discount)).toEqual([667, 333]);
    expect(pricing.priced.totals).toMatchObject({ subtotal: 3000, discount: 1000 });
  });
});

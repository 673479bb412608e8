import { AddVariant } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, CUSTOMER_ACTOR, CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("AddVariant", () => {
  let shop: CatalogShop;
  let add: AddVariant;
  let productId: string;
  beforeEach(async () => {
    shop = new CatalogShop();
    add = new AddVariant(shop.deps);
    productId = (await shop.product("tee", [{ sku: "TEE-M", options: { size: "M" } }])).id;
  });

  it("adds the variant with its stock level and starting stock", async () => {
    const product = unwrap(
      await add.execute({ actor: ADMIN, productId, variant: { sku: "TEE-L", options: { size: "L" }, price: 2100, stock: 4 } }),
    );

    expect(product.variants.map((v) => v.sku)).toEqual(["TEE-M", "TEE-L"]);
    expect(await shop.level("TEE-L")).toMatchObject({ onHand: 4, reserved: 0, lowStockThreshold: 3 });
    expect(shop.persistence.state.movements.at(-1)).toMatchObject({ sku: "TEE-L", delta: 4, reason: "adjustment" });
    expect(shop.audit().at(-1)).toMatchObject({ action: "product.add_variant", entityId: productId, after: { sku: "TEE-L" } });
  });

  it("refuses a SKU that exists on this or another product", async () => {
    await shop.product("mug", [{ sku: "MUG" }]);
    expect(
      unwrapErr(await add.execute({ actor: ADMIN, productId, variant: { sku: "TEE-M", options: { size: "S" }, price: 1 } })).code,
    ).toBe("catalog.sku_taken");
    expect(unwrapErr(await add.execute({ actor: ADMIN, productId, variant: { sku: "MUG", options: { size: "S" }, price: 1 } })).code).toBe(
      "catalog.sku_taken",
    );
  });

  it("refuses options identical to another variant's and a bad price, naming the variant fields", async () => {
    const error = unwrapErr(
      await add.execute({ actor: ADMIN, productId, variant: { sku: "TEE-M2", options: { size: "M" }, price: 1.5, stock: -1 } }),
    );
    expect(error).toMatchObject({ code: "request.invalid" });
    if (error.code !== "request.invalid") return;
    expect(error.errors.map((e) => e.path)).toEqual(["variant.price", "variant.options", "variant.stock"]);
  });

  it("reports product.not_found and auth.forbidden", async () => {
    expect(unwrapErr(await add.execute({ actor: ADMIN, productId: "nope", variant: { sku: "X", price: 1 } })).code).toBe(
      "product.not_found",
    );
    expect(unwrapErr(await add.execute({ actor: CUSTOMER_ACTOR, productId, variant: { sku: "X", price: 1 } })).code).toBe("auth.forbidden");
  });
});

import { UpdateVariant } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, CUSTOMER_ACTOR, CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("UpdateVariant", () => {
  let shop: CatalogShop;
  let update: UpdateVariant;
  let productId: string;
  beforeEach(async () => {
    shop = new CatalogShop();
    update = new UpdateVariant(shop.deps);
    productId = (
      await shop.product("tee", [
        { sku: "TEE-M", options: { size: "M" }, price: 1999 },
        { sku: "TEE-L", options: { size: "L" }, price: 1999 },
      ])
    ).id;
  });

  it("changes price, status and threshold, keeping stock", async () => {
    const product = unwrap(
      await update.execute({ actor: ADMIN, productId, sku: "TEE-L", price: 2499, status: "archived", lowStockThreshold: 7 }),
    );

    expect(product.variants[1]).toEqual({ sku: "TEE-L", options: { size: "L" }, price: 2499, status: "archived", lowStockThreshold: 7 });
    expect(await shop.level("TEE-L")).toMatchObject({ onHand: 10, lowStockThreshold: 7 });
    expect(shop.audit().at(-1)).toMatchObject({ action: "product.update_variant", before: { price: 1999 }, after: { price: 2499 } });
  });

  it("refuses options that collide with a sibling and a negative price", async () => {
    const error = unwrapErr(await update.execute({ actor: ADMIN, productId, sku: "TEE-L", options: { size: "M" }, price: -5 }));
    expect(error).toMatchObject({ code: "request.invalid" });
    if (error.code !== "request.invalid") return;
    expect(error.errors.map((e) => e.path)).toEqual(["price", "options"]);
  });

  it("reports variant.not_found for an unknown SKU or product, and auth.forbidden", async () => {
    expect(unwrapErr(await update.execute({ actor: ADMIN, productId, sku: "NOPE", price: 1 })).code).toBe("variant.not_found");
    expect(unwrapErr(await update.execute({ actor: ADMIN, productId: "nope", sku: "TEE-M", price: 1 })).code).toBe("variant.not_found");
    expect(unwrapErr(await update.execute({ actor: CUSTOMER_ACTOR, productId, sku: "TEE-M", price: 1 })).code).toBe("auth.forbidden");
  });
});

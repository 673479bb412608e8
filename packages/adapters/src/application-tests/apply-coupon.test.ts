import { AddCartItem, ApplyCoupon } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("ApplyCoupon", () => {
  let shop: CatalogShop;
  let apply: ApplyCoupon;
  let customerId: string;
  beforeEach(async () => {
    shop = new CatalogShop();
    apply = new ApplyCoupon(shop.deps);
    customerId = (await shop.register()).customer.id;
    await shop.product("tee", [{ sku: "TEE", price: 2000, stock: 10 }]);
    unwrap(await new AddCartItem(shop.deps).execute({ customerId, sku: "TEE", quantity: 2 }));
  });

  it("stores the normalized code and prices the discount", async () => {
    await shop.promotion({ code: "SAVE10", kind: "percent_off", value: 1000 });
    const cart = unwrap(await apply.execute({ customerId, code: "  save10 " }));
    expect(cart.coupon).toEqual({ code: "SAVE10", applied: true, reason: null, message: null });
    expect(cart.totals).toEqual({ subtotal: 4000, discount: 400, tax: 720, shipping: 500, total: 4820 });
    expect((await shop.deps.repos.carts.findByCustomerId(customerId))?.couponCode).toBe("SAVE10");
  });

  it("removes the coupon with null", async () => {
    await shop.promotion({ code: "SAVE10", kind: "percent_off", value: 1000 });
    unwrap(await apply.execute({ customerId, code: "SAVE10" }));
    const cart = unwrap(await apply.execute({ customerId, code: null }));
    expect(cart.coupon).toBeNull();
    expect(cart.totals.discount).toBe(0);
  });

  it("refuses an unknown, expired, exhausted or out-of-reach coupon with the reason, keeping the cart as it was", async () => {
    await shop.promotion({ code: "OLD", kind: "fixed_off", value: 500, endsAt: new Date("2025-01-01T00:00:00Z") });
    await shop.promotion({ code: "USED", kind: "fixed_off", value: 500, usageLimit: 1, timesUsed: 1 });
    await shop.promotion({ code: "BIG", kind: "fixed_off", value: 500, minSubtotal: 10_000 });

    const reasons = [];
    for (const code of ["NOPE", "OLD", "USED", "BIG"]) {
      const error = unwrapErr(await apply.execute({ customerId, code }));
      expect(error.code).toBe("promotion.not_applicable");
      reasons.push(error.reason);
    }
    expect(reasons).toEqual(["unknown", "expired", "exhausted", "minimum_not_met"]);
    expect((await shop.deps.repos.carts.findByCustomerId(customerId))?.couponCode).toBeNull();
  });

  it("counts the customer's own redemptions", async () => {
    const promotion = await shop.promotion({ code: "ONCE", kind: "free_shipping", value: 0, perCustomerLimit: 1 });
    await shop.deps.repos.promotions.redeem(promotion.id, customerId, "order-1", shop.clock.now());
    expect(unwrapErr(await apply.execute({ customerId, code: "ONCE" })).reason).toBe("customer_limit");
  });
});

import { CreatePromotion, type CreatePromotionInput } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, CUSTOMER_ACTOR, CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("CreatePromotion", () => {
  let shop: CatalogShop;
  let create: CreatePromotion;
  beforeEach(() => {
    shop = new CatalogShop();
    create = new CreatePromotion(shop.deps);
  });
  const input = (extra: Partial<CreatePromotionInput> = {}): CreatePromotionInput => ({
    actor: ADMIN,
    code: "spring-25",
    kind: "percent_off",
    value: 2500,
    ...extra,
  });

  it("stores an upper-cased code with defaults and an audit entry", async () => {
    const promotion = unwrap(await create.execute(input({ perCustomerLimit: 1 })));
    expect(promotion).toMatchObject({
      code: "SPRING-25",
      kind: "percent_off",
      value: 2500,
      minSubtotal: 0,
      startsAt: null,
      endsAt: null,
      usageLimit: null,
      perCustomerLimit: 1,
      timesUsed: 0,
      active: true,
    });
    expect(await shop.deps.repos.promotions.findByCode("spring-25")).toEqual(promotion);
    expect(shop.audit()).toEqual([expect.objectContaining({ action: "promotion.create", entityId: promotion.id, after: promotion })]);
  });

  it("refuses a code that exists in any case", async () => {
    unwrap(await create.execute(input()));
    expect(unwrapErr(await create.execute(input({ code: "Spring-25", kind: "free_shipping" })))).toMatchObject({
      code: "request.invalid",
      errors: [{ path: "code" }],
    });
    expect(shop.audit()).toHaveLength(1);
  });

  it("names every invalid field", async () => {
    const error = unwrapErr(
      await create.execute(
        input({
          code: "no spaces!",
          value: 20_000,
          minSubtotal: -1,
          startsAt: new Date("2025-06-01T00:00:00Z"),
          endsAt: new Date("2025-05-01T00:00:00Z"),
          usageLimit: 0,
        }),
      ),
    );
    expect(error).toMatchObject({ code: "request.invalid" });
    if (error.code !== "request.invalid") return;
    expect(error.errors.map((e) => e.path)).toEqual(["code", "value", "minSubtotal", "endsAt", "usageLimit"]);
    expect(unwrapErr(await create.execute(input({ kind: "fixed_off", value: 0 })))).toMatchObject({ errors: [{ path: "value" }] });
  });

  it("is forbidden to customers", async () => {
    expect(unwrapErr(await create.execute(input({ actor: CUSTOMER_ACTOR }))).code).toBe("auth.forbidden");
  });
});

import { describe, expect, it } from "vitest";
import { aPromotion, at, collectPages, seedCustomer, seedOrder, seedProduct, uid } from "./fixtures.js";
import { useHarness, type CreateHarness } from "./harness.js";

export function promotionRepositoryContract(create: CreateHarness): void {
  describe("PromotionRepository", () => {
    const store = useHarness(create);
    const repos = () => store().repos;

    /** Orders to redeem against (a redemption belongs to an order). */
    const orders = async (count: number, customerId?: string) => {
      const product = await seedProduct(repos(), {}, 100);
      const customer = customerId === undefined ? undefined : await repos().customers.findById(customerId);
      const made = [];
      for (let i = 0; i < count; i++) made.push(await seedOrder(repos(), { product, ...(customer ? { customer } : {}) }));
      return made;
    };

    it("round-trips a promotion by id and by code, case- and space-insensitively", async () => {
      const promotion = aPromotion({
        code: uid("Summer").toUpperCase(),
        kind: "fixed_off",
        value: 500,
        minSubtotal: 2000,
        startsAt: at(-10),
        endsAt: at(10),
        usageLimit: 100,
        perCustomerLimit: 1,
      });
      expect(await repos().promotions.insert(promotion)).toBe(true);
      expect(await repos().promotions.findById(promotion.id)).toEqual(promotion);
      expect(await repos().promotions.findByCode(` ${promotion.code.toLowerCase()} `)).toEqual(promotion);
    });

    it("returns null for an unknown id or code", async () => {
      expect(await repos().promotions.findById(uid("missing"))).toBeNull();
      expect(await repos().promotions.findByCode(uid("missing"))).toBeNull();
    });

    it("refuses a code that is taken in another case", async () => {
      const taken = aPromotion();
      await repos().promotions.insert(taken);
      const clash = aPromotion({ code: taken.code.toLowerCase() });
      expect(await repos().promotions.insert(clash)).toBe(false);
      expect(await repos().promotions.findById(clash.id)).toBeNull();
    });

    it("lists promotions newest first, every one once", async () => {
      const mine = [];
      for (let i = 0; i < 4; i++) {
        const promotion = aPromotion({ createdAt: at(500 + (i % 2)) });
        await repos().promotions.insert(promotion);
        mine.push(promotion);
      }
      const listed = (await collectPages((cursor) => repos().promotions.list({ limit: 3, cursor }))).flat();
      expect(new Set(listed.map((p) => p.id)).size).toBe(listed.length);
      expect(listed.map((p) => p.id)).toEqual(expect.arrayContaining(mine.map((p) => p.id)));
      const times = listed.map((p) => p.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    it("redeems until the usage limit, counting per customer", async () => {
      const promotion = aPromotion({ usageLimit: 2 });
      await repos().promotions.insert(promotion);
      const customer = await seedCustomer(repos());
      const [first, second, third] = await orders(3, customer.id);

      expect(await repos().promotions.redeem(promotion.id, customer.id, first!.id, at(1))).toBe(true);
      expect(await repos().promotions.redeem(promotion.id, customer.id, second!.id, at(2))).toBe(true);
      expect(await repos().promotions.redeem(promotion.id, customer.id, third!.id, at(3))).toBe(false);
      expect((await repos().promotions.findById(promotion.id))?.timesUsed).toBe(2);
      expect(await repos().promotions.countRedemptions(promotion.id, customer.id)).toBe(2);
      expect(await repos().promotions.countRedemptions(promotion.id, uid("someone-else"))).toBe(0);
    });

    it("never exceeds the usage limit under concurrent redemptions", async () => {
      const promotion = aPromotion({ usageLimit: 3 });
      await repos().promotions.insert(promotion);
      const made = await orders(6);
      const results = await Promise.all(made.map((order) => repos().promotions.redeem(promotion.id, order.customerId, order.id, at(1))));
      expect(results.filter(Boolean)).toHaveLength(3);
      expect((await repos().promotions.findById(promotion.id))?.timesUsed).toBe(3);
    });

    it("redeems without limit when there is none, and refuses an unknown promotion", async () => {
      const promotion = aPromotion({ usageLimit: null });
      await repos().promotions.insert(promotion);
      const [order] = await orders(1);
      expect(await repos().promotions.redeem(promotion.id, order!.customerId, order!.id, at(1))).toBe(true);
      await expect(repos().promotions.redeem(uid("missing"), order!.customerId, order!.id, at(1))).rejects.toThrow();
    });
  });
}

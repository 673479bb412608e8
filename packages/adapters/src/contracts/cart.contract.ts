import type { Cart } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { aCart, aVariant, at, seedCustomer, seedProduct, uid } from "./fixtures.js";
import { useHarness, type CreateHarness } from "./harness.js";

export function cartRepositoryContract(create: CreateHarness): void {
  describe("CartRepository", () => {
    const store = useHarness(create);
    const repos = () => store().repos;

    const skus = async (count: number): Promise<string[]> => {
      const product = await seedProduct(repos(), { variants: Array.from({ length: count }, () => aVariant()) });
      return product.variants.map((v) => v.sku);
    };

    it("round-trips a customer's cart by id and by customer", async () => {
      const customer = await seedCustomer(repos());
      const [a, b] = await skus(2);
      const cart = aCart({
        customerId: customer.id,
        lines: [
          { sku: b!, quantity: 3 },
          { sku: a!, quantity: 999 },
        ],
        couponCode: "SAVE10",
        updatedAt: at(2),
      });
      await repos().carts.save(cart);
      expect(await repos().carts.findById(cart.id)).toEqual(cart);
      expect(await repos().carts.findByCustomerId(customer.id)).toEqual(cart);
    });

    it("round-trips a guest cart by token", async () => {
      const cart = aCart({ token: uid("token"), lines: [] });
      await repos().carts.save(cart);
      expect(await repos().carts.findByToken(cart.token!)).toEqual(cart);
    });

    it("returns null for an unknown id, customer or token", async () => {
      expect(await repos().carts.findById(uid("missing"))).toBeNull();
      expect(await repos().carts.findByCustomerId(uid("missing"))).toBeNull();
      expect(await repos().carts.findByToken(uid("missing"))).toBeNull();
    });

    it("replaces lines and fields when saved again", async () => {
      const [a, b, c] = await skus(3);
      const cart = aCart({
        token: uid("token"),
        lines: [
          { sku: a!, quantity: 1 },
          { sku: b!, quantity: 2 },
        ],
      });
      await repos().carts.save(cart);
      const customer = await seedCustomer(repos());
      const changed: Cart = {
        ...cart,
        customerId: customer.id,
        token: null,
        lines: [
          { sku: c!, quantity: 5 },
          { sku: a!, quantity: 2 },
        ],
        updatedAt: at(9),
      };
      await repos().carts.save(changed);
      expect(await repos().carts.findById(cart.id)).toEqual(changed);
      expect(await repos().carts.findByToken(cart.token!)).toBeNull();
    });

    it("keeps the cart but no lines when saved emptied", async () => {
      const [a, b] = await skus(2);
      const cart = aCart({
        token: uid("token"),
        lines: [
          { sku: a!, quantity: 1 },
          { sku: b!, quantity: 3 },
        ],
      });
      await repos().carts.save(cart);
      const emptied: Cart = { ...cart, lines: [], couponCode: null, updatedAt: at(9) };
      await repos().carts.save(emptied);
      expect(await repos().carts.findById(cart.id)).toEqual(emptied);
      const refilled: Cart = { ...emptied, lines: [{ sku: b!, quantity: 1 }], updatedAt: at(10) };
      await repos().carts.save(refilled);
      expect(await repos().carts.findByToken(cart.token!)).toEqual(refilled);
    });

    it("holds one cart per customer and per token", async () => {
      const customer = await seedCustomer(repos());
      const token = uid("token");
      await repos().carts.save(aCart({ customerId: customer.id }));
      await repos().carts.save(aCart({ token }));
      await expect(repos().carts.save(aCart({ customerId: customer.id }))).rejects.toThrow();
      await expect(repos().carts.save(aCart({ token }))).rejects.toThrow();
    });

    it("deletes a cart", async () => {
      const [a] = await skus(1);
      const cart = aCart({ token: uid("token"), lines: [{ sku: a!, quantity: 1 }] });
      await repos().carts.save(cart);
      await repos().carts.delete(cart.id);
      expect(await repos().carts.findById(cart.id)).toBeNull();
      await repos().carts.delete(cart.id);
    });
  });
}

import { describe, expect, it } from "vitest";
import { aCustomer, at, collectPages, seedCustomer, uid } from "./fixtures.js";
import { useHarness, type CreateHarness } from "./harness.js";

export function customerRepositoryContract(create: CreateHarness): void {
  describe("CustomerRepository", () => {
    const store = useHarness(create);
    const repos = () => store().repos;

    it("round-trips a customer by id and by email, case-insensitively", async () => {
      const customer = aCustomer({ role: "admin", phone: null, addresses: [] });
      expect(await repos().customers.insert(customer)).toBe(true);
      expect(await repos().customers.findById(customer.id)).toEqual(customer);
      expect(await repos().customers.findByEmail(customer.email.toUpperCase())).toEqual(customer);
    });

    it("returns null for an unknown id or email", async () => {
      expect(await repos().customers.findById(uid("missing"))).toBeNull();
      expect(await repos().customers.findByEmail(`${uid("missing")}@example.test`)).toBeNull();
    });

    it("refuses a second customer with the same email in another case", async () => {
      const first = await seedCustomer(repos());
      const second = aCustomer({ email: first.email.toUpperCase() });
      expect(await repos().customers.insert(second)).toBe(false);
      expect(await repos().customers.findById(second.id)).toBeNull();
    });

    it("lets exactly one of two concurrent registrations of one email win", async () => {
      const email = `${uid("race")}@example.test`;
      const results = await Promise.all([repos().customers.insert(aCustomer({ email })), repos().customers.insert(aCustomer({ email }))]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("updates a customer", async () => {
      const customer = await seedCustomer(repos());
      const changed = { ...customer, name: "Ada King", disabled: true, role: "admin" as const, addresses: [], updatedAt: at(5) };
      await repos().customers.update(changed);
      expect(await repos().customers.findById(customer.id)).toEqual(changed);
    });

    it("refuses to update to an email another customer holds, or an unknown customer", async () => {
      const holder = await seedCustomer(repos());
      const customer = await seedCustomer(repos());
      await expect(repos().customers.update({ ...customer, email: holder.email })).rejects.toThrow();
      await expect(repos().customers.update(aCustomer())).rejects.toThrow();
      expect(await repos().customers.findById(customer.id)).toEqual(customer);
    });

    it("lists customers oldest first, every one once", async () => {
      const mine = [];
      for (let i = 0; i < 5; i++) mine.push(await seedCustomer(repos(), { createdAt: at(1000 + (i % 2)) }));
      const listed = (await collectPages((cursor) => repos().customers.list({ limit: 2, cursor }))).flat();
      expect(new Set(listed.map((c) => c.id)).size).toBe(listed.length);
      expect(listed.map((c) => c.id)).toEqual(expect.arrayContaining(mine.map((c) => c.id)));
      const times = listed.map((c) => c.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });
  });
}

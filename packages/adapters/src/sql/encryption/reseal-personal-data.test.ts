import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCustomer, seedOrder } from "../../contracts/fixtures.js";
import { createKyselyRepositories } from "../create-kysely-repositories.js";
import type { SqlPersistence } from "../create-sql-persistence.js";
import { sqlTargets } from "../test-support/sql-targets.js";
import { AesGcmFieldCipher } from "./aes-gcm-field-cipher.js";
import { checkDataKeys } from "./check-data-keys.js";
import type { DataKey } from "./data-key.js";
import { resealPersonalData } from "./reseal-personal-data.js";

const A: DataKey = { id: "key-a", material: Buffer.alloc(32, 0xa) };
const B: DataKey = { id: "key-b", material: Buffer.alloc(32, 0xb) };
const PLAINTEXT = /Analytical|Lovelace|7946|London|555 0199/;

for (const target of sqlTargets()) {
  const reason = await target.unavailable();
  describe.skipIf(reason !== null)(`personal data at rest on ${target.dialect}${reason === null ? "" : ` (skipped: ${reason})`}`, () => {
    let persistence: SqlPersistence;
    const customerIds: string[] = [];
    const orderIds: string[] = [];
    beforeAll(async () => {
      persistence = await target.open({ dataKeys: { current: A, old: [] } });
      for (let i = 0; i < 5; i++) {
        const customer = await seedCustomer(persistence.repos, i === 0 ? { phone: null } : {});
        customerIds.push(customer.id);
        if (i < 3) orderIds.push((await seedOrder(persistence.repos, { customer })).id);
      }
      // A row from before encryption existed.
      await sql`update customers set phone = '+1 555 0199' where id = ${customerIds[1]}`.execute(persistence.database.db);
    });
    afterAll(async () => {
      await persistence?.close();
    });

    const db = () => persistence.database.db;
    const rawValues = async () => {
      const customers = await db().selectFrom("customers").select(["phone", "addresses"]).execute();
      const orders = await db().selectFrom("orders").select("shipping_address").execute();
      return [...customers.flatMap((c) => [c.phone, c.addresses]), ...orders.map((o) => o.shipping_address)].filter(
        (value): value is string => value !== null,
      );
    };

    it("keeps phone numbers and addresses sealed in their columns, and opens them through the repositories", async () => {
      const values = await rawValues();
      expect(values.filter((value) => PLAINTEXT.test(value))).toEqual(["+1 555 0199"]);
      expect(values.filter((value) => value.startsWith("v1:key-a:"))).toHaveLength(values.length - 1);
      const customer = await persistence.repos.customers.findById(customerIds[2]!);
      expect(customer).toMatchObject({ phone: "+44 20 7946 0000", addresses: [expect.objectContaining({ line1: "1 Analytical St" })] });
      expect((await persistence.repos.customers.findById(customerIds[1]!))?.phone).toBe("+1 555 0199");
      expect((await persistence.repos.orders.findById(orderIds[0]!))?.shippingAddress).toMatchObject({ city: "London" });
    });

    it("re-seals every value under the new key in batches, and a second run has nothing to do", async () => {
      const rotated = new AesGcmFieldCipher(B, [A]);
      const batches: string[] = [];
      const report = await resealPersonalData(db(), target.dialect, rotated, {
        batchSize: 2,
        onBatch: ({ table, examined }) => batches.push(`${table}:${examined}`),
      });
      expect(report).toEqual({ customers: 5, orders: 3 });
      expect(batches).toEqual(["customers:2", "customers:4", "customers:5", "orders:2", "orders:3"]);

      const values = await rawValues();
      expect(values.every((value) => value.startsWith("v1:key-b:"))).toBe(true);
      expect(values.some((value) => PLAINTEXT.test(value))).toBe(false);

      expect(await resealPersonalData(db(), target.dialect, rotated, { batchSize: 2 })).toEqual({ customers: 0, orders: 0 });

      // Only the new key is needed from now on.
      const repos = createKyselyRepositories(db(), target.dialect, { cipher: new AesGcmFieldCipher(B) });
      expect(await repos.customers.findById(customerIds[1]!)).toMatchObject({ phone: "+1 555 0199" });
      expect(await repos.customers.findById(customerIds[0]!)).toMatchObject({
        phone: null,
        addresses: [expect.objectContaining({ city: "London" })],
      });
      expect((await repos.orders.findById(orderIds[2]!))?.shippingAddress).toMatchObject({ line1: "1 Analytical St" });
    });

    it("fails in one line naming the key the stored data needs", async () => {
      await expect(checkDataKeys(db(), new AesGcmFieldCipher(B))).resolves.toBeUndefined();
      await expect(checkDataKeys(db(), new AesGcmFieldCipher(A))).rejects.toThrow(
        /^personal data in the database is sealed under data encryption key key-b, which is not configured: set DATA_ENCRYPTION_KEY/,
      );
      await expect(persistence.repos.customers.findById(customerIds[3]!)).rejects.toThrow(/key-b, which is not configured/);
    });
  });
}

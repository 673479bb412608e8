import { rmSync } from "node:fs";
import { createContainer, loadConfig, localDataKeyPath, parseDatabaseUrl, Tokens, type EmporiumContainer } from "@emporium/adapters";
import { SYSTEM_ACTOR } from "@emporium/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../exit-codes.js";
import { cliTargets, placeOrder, runIn, type CliShop } from "../test-support/cli-shop.js";

const NEW_KEY = Buffer.alloc(32, 0x5a).toString("base64");

describe("emporium keys generate", () => {
  it("prints a fresh key that DATA_ENCRYPTION_KEY accepts, as lines a .env file takes", async () => {
    const first = await runIn({}, ["keys", "generate"]);
    const second = await runIn({}, ["keys", "generate"]);
    expect(first.code, first.stderr).toBe(ExitCode.ok);
    const [comment, assignment] = first.stdout.trimEnd().split("\n");
    expect(comment).toMatch(/^# data encryption key [0-9a-f]{8}; /);
    const value = /^DATA_ENCRYPTION_KEY=(\S+)$/.exec(assignment ?? "")?.[1];
    expect(Buffer.from(value ?? "", "base64")).toHaveLength(32);
    expect(loadConfig({ DATA_ENCRYPTION_KEY: value }).dataKeys.current?.id).toBe(/key ([0-9a-f]{8})/.exec(comment!)?.[1]);
    expect(second.stdout).not.toBe(first.stdout);
  });
});

for (const target of cliTargets()) {
  const reason = await target.unavailable();
  describe.skipIf(reason !== null)(`emporium keys rotate on ${target.dialect}${reason === null ? "" : ` (skipped: ${reason})`}`, () => {
    let shop: CliShop;
    let customerId: string;
    let oldKeyId: string;
    beforeAll(async () => {
      shop = await target.open();
      const container = await shop.container();
      oldKeyId = container.get(Tokens.Persistence).cipher.currentKeyId;
      await container
        .useCase("CreateProduct")
        .execute({ actor: SYSTEM_ACTOR, name: "Key Mug", variants: [{ sku: "KEY-MUG", price: 900, stock: 5 }] });
      const order = await placeOrder(container, { email: "ada@example.com", sku: "KEY-MUG", quantity: 1, pay: false });
      customerId = order.customerId;
      await container.useCase("UpdateProfile").execute({ customerId, phone: "+44 20 7946 0999" });
    });
    afterAll(() => shop?.close());

    // The new key is current; the old one is kept for reading (on SQLite the key file beside the database does that).
    const rotatedEnv = (): NodeJS.ProcessEnv => ({
      ...shop.env,
      DATA_ENCRYPTION_KEY: NEW_KEY,
      ...(shop.dialect === "postgres" ? { DATA_ENCRYPTION_KEYS: `${oldKeyId}:${shop.env.DATA_ENCRYPTION_KEY}` } : {}),
    });
    const sealedKeyIds = async (container: EmporiumContainer) => {
      const db = container.get(Tokens.Database).db;
      const customers = await db.selectFrom("customers").select(["phone", "addresses"]).execute();
      const orders = await db.selectFrom("orders").select("shipping_address").execute();
      const values = [...customers.flatMap((c) => [c.phone, c.addresses]), ...orders.map((o) => o.shipping_address)];
      return new Set(values.map((value) => /^v1:([\w-]+):/.exec(value ?? "")?.[1] ?? `unsealed: ${value}`));
    };

    it("re-encrypts every value under the new key, in batches, then has nothing left to do", async () => {
      expect(await sealedKeyIds(await shop.container())).toEqual(new Set([oldKeyId]));

      const rotated = await runIn(rotatedEnv(), ["keys", "rotate", "--batch-size", "1"]);
      expect(rotated.stderr).toContain("customers: 1 examined, 1 re-encrypted");
      expect(rotated).toMatchObject({ code: ExitCode.ok });
      const newKeyId = loadConfig({ DATA_ENCRYPTION_KEY: NEW_KEY }).dataKeys.current!.id;
      expect(rotated.stdout).toBe(`Re-encrypted 1 customer and 1 order under key ${newKeyId}.\n`);

      const again = await runIn(rotatedEnv(), ["keys", "rotate"]);
      expect(again.stdout).toBe(`Every phone number and address is already encrypted under key ${newKeyId}.\n`);
    });

    it("leaves data that the new key alone opens", async () => {
      const url = parseDatabaseUrl(shop.env.DATABASE_URL!);
      if (url.dialect === "sqlite") rmSync(localDataKeyPath(url.filename));
      const env: NodeJS.ProcessEnv = { ...shop.env, DATA_ENCRYPTION_KEY: NEW_KEY };
      delete env.DATA_ENCRYPTION_KEYS;
      const container = await createContainer(loadConfig(env));
      try {
        expect(await sealedKeyIds(container)).toEqual(new Set([loadConfig(env).dataKeys.current!.id]));
        expect(await container.useCase("GetProfile").execute({ customerId })).toMatchObject({
          ok: true,
          value: { phone: "+44 20 7946 0999" },
        });
        const orders = await container.get(Tokens.Repositories).orders.list({ customerId, limit: 10 });
        expect(orders.items[0]?.shippingAddress).toMatchObject({ line1: "1 Analytical Way" });
      } finally {
        await container.close();
      }
    });

    it("refuses to start on data sealed under a key it was not given, in one line", async () => {
      const result = await runIn({ ...shop.env }, ["keys", "rotate"]);
      expect(result.code, result.stderr).toBe(ExitCode.failure);
      expect(result.stderr).toMatch(
        /^emporium: personal data in the database is sealed under data encryption key [\w-]+, which is not configured/,
      );
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    });
  });
}

import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../../http/src/test-support/test-app.js";
import { ExitCode } from "../exit-codes.js";
import { cliTargets, placeOrder, runIn, type CliShop } from "../test-support/cli-shop.js";

const CATALOGUE = "sku,product,name,price,stock,option.size\nBAG-S,tote-bag,Tote Bag,15.00,8,S\nBAG-L,tote-bag,Tote Bag,18.00,4,L\n";

/** What a shop serves, through the CLI: its catalogue export and its orders. */
async function contents(env: NodeJS.ProcessEnv): Promise<{ products: string; orders: string }> {
  const products = await runIn(env, ["export", "products"]);
  const orders = await runIn(env, ["export", "orders", "--format", "jsonl"]);
  expect([products.stderr, orders.stderr]).toEqual(["", ""]);
  return { products: products.stdout, orders: orders.stdout };
}

for (const target of cliTargets()) {
  const reason = await target.unavailable();
  describe.skipIf(reason !== null)(
    `emporium backup and restore on ${target.dialect}${reason === null ? "" : ` (skipped: ${reason})`}`,
    () => {
      let shop: CliShop;
      let backup: string;
      let saved: { products: string; orders: string };
      beforeAll(async () => {
        shop = await target.open();
        writeFileSync(join(shop.dir, "catalogue.csv"), CATALOGUE);
        expect((await shop.run(["import", "products", join(shop.dir, "catalogue.csv")])).code).toBe(ExitCode.ok);
        const container = await shop.container();
        await placeOrder(container, { email: "ada@example.com", sku: "BAG-S", quantity: 2 });
        await container.close();
        backup = join(shop.dir, target.dialect === "sqlite" ? "shop-backup.db" : "shop.dump");
        saved = await contents(shop.env);
      });
      afterAll(() => shop.close());

      it("writes a backup, and will not overwrite it without --force", async () => {
        const result = await shop.run(["backup", backup]);
        expect(result).toMatchObject({ code: ExitCode.ok, stderr: "" });
        expect(result.stdout).toMatch(new RegExp(`^Backed up the database to ${backup}`));
        expect(existsSync(backup)).toBe(true);
        // Embedded: the generated key travels with the backup. PostgreSQL: the key is configuration.
        expect(existsSync(`${backup}.key`)).toBe(target.dialect === "sqlite");
        expect(await shop.run(["backup", backup])).toMatchObject({
          code: ExitCode.conflict,
          stderr: `emporium: ${backup} exists; add --force to overwrite it\n`,
        });
        expect((await shop.run(["backup", backup, "--force"])).code).toBe(ExitCode.ok);
      });

      it("restores over a changed shop with --force, giving back the backed-up data", async () => {
        await shop.run(["stock", "set", "BAG-L", "99", "--reason", "adjustment"]);
        expect((await contents(shop.env)).products).not.toBe(saved.products);
        const refused = await shop.run(["restore", backup]);
        expect(refused.code, refused.stderr).toBe(ExitCode.conflict);
        expect(refused.stderr).toMatch(/add --force to go ahead\n$/);

        expect((await shop.run(["restore", backup, "--force"])).code).toBe(ExitCode.ok);
        expect(await contents(shop.env)).toEqual(saved);
        expect((await shop.run(["migrate"])).stdout).toBe("The database is up to date.\n");
      });

      it("refuses a file that is not a backup for this database", async () => {
        const bogus = join(shop.dir, "bogus.bin");
        writeFileSync(bogus, "definitely not a database");
        const result = await shop.run(["restore", bogus, "--force"]);
        expect(result.code, result.stderr).toBe(ExitCode.invalid);
        expect(result.stderr).toMatch(/neither an SQLite database nor a pg_dump custom-format file/);
      });
    },
  );
}

describe("emporium restore of SQLite into a new file", () => {
  const [sqlite] = cliTargets();
  let shop: CliShop;
  beforeAll(async () => {
    shop = await sqlite!.open();
  });
  afterAll(() => shop.close());

  it("serves the same products and orders over HTTP from the restored file", async () => {
    writeFileSync(join(shop.dir, "catalogue.csv"), CATALOGUE);
    await shop.run(["import", "products", join(shop.dir, "catalogue.csv")]);
    const container = await shop.container();
    const order = await placeOrder(container, { email: "ada@example.com", sku: "BAG-L", quantity: 1 });
    const backup = join(shop.dir, "backup.db");
    // A backup while another connection has the database open: the online backup API copes.
    expect((await shop.run(["backup", backup])).code).toBe(ExitCode.ok);

    const restoredUrl = `sqlite:${join(shop.dir, "restored", "shop.db")}`;
    const restoredEnv = { ...shop.env, DATABASE_URL: restoredUrl };
    expect((await runIn(restoredEnv, ["restore", backup])).code).toBe(ExitCode.ok);
    expect((await runIn(restoredEnv, ["migrate"])).stdout).toBe("The database is up to date.\n");
    expect(await contents(restoredEnv)).toEqual(await contents(shop.env));

    // The restored file is refused while a process has it open: here, the HTTP app.
    const t = await createTestApp({ databaseUrl: restoredUrl, seed: false });
    try {
      const product = await t.json("GET", "/v1/products/tote-bag");
      expect(product.status).toBe(200);
      expect(product.body.variants.map((variant: { sku: string }) => variant.sku)).toEqual(["BAG-S", "BAG-L"]);
      const orders = await t.json("GET", "/v1/admin/orders", { token: await t.adminToken() });
      expect(orders.body.items.map((item: { id: string }) => item.id)).toEqual([order.id]);
      const busy = await runIn(restoredEnv, ["restore", backup, "--force"]);
      expect(busy.code, busy.stderr).toBe(ExitCode.conflict);
      expect(busy.stderr).toMatch(/is open in another process \(a running server or worker\?\); stop it, then restore\n$/);
    } finally {
      await t.close();
    }
  });
});

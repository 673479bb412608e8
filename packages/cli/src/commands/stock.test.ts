import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../exit-codes.js";
import { cliTargets, type CliShop } from "../test-support/cli-shop.js";

for (const target of cliTargets()) {
  const reason = await target.unavailable();
  describe.skipIf(reason !== null)(`emporium stock on ${target.dialect}${reason === null ? "" : ` (skipped: ${reason})`}`, () => {
    let shop: CliShop;
    beforeAll(async () => {
      shop = await target.open();
      const file = join(shop.dir, "stock.csv");
      writeFileSync(file, "sku,product,name,price,stock,option.size\nMUG-S,mug,Mug,9.00,50,S\nMUG-L,mug,Mug,11.00,2,L\n");
      expect((await shop.run(["import", "products", file])).code).toBe(ExitCode.ok);
    });
    afterAll(() => shop.close());

    it("sets on hand to a counted number", async () => {
      const result = await shop.run(["stock", "set", "MUG-S", "40", "--reason", "adjustment", "--note", "cycle count"]);
      expect(result).toEqual({ code: ExitCode.ok, stdout: "MUG-S: 40 on hand, 0 reserved, 40 available.\n", stderr: "" });
    });

    it("adjusts by a delta, negative included, and refuses to go below zero", async () => {
      expect((await shop.run(["stock", "adjust", "MUG-S", "-5", "--reason", "adjustment"])).stdout).toBe(
        "MUG-S: 35 on hand, 0 reserved, 35 available.\n",
      );
      expect((await shop.run(["stock", "adjust", "MUG-S", "+10", "--reason", "restock"])).stdout).toBe(
        "MUG-S: 45 on hand, 0 reserved, 45 available.\n",
      );
      const tooMany = await shop.run(["stock", "adjust", "MUG-S", "-100", "--reason", "adjustment"]);
      expect(tooMany.code, tooMany.stderr).toBe(ExitCode.invalid);
      expect(tooMany.stderr).toMatch(/^emporium: delta: a change of -100 would take MUG-S below/);
    });

    it("says what is wrong with the arguments", async () => {
      expect(await shop.run(["stock", "set", "NOPE", "3", "--reason", "adjustment"])).toMatchObject({
        code: ExitCode.notFound,
        stderr: "emporium: No product has SKU NOPE; check the SKU or create the variant first.\n",
      });
      const noReason = await shop.run(["stock", "set", "MUG-S", "3"]);
      expect(noReason.code, noReason.stderr).toBe(ExitCode.usage);
      expect(noReason.stderr).toMatch(/--reason <reason>/);
      const sale = await shop.run(["stock", "adjust", "MUG-S", "1", "--reason", "sale"]);
      expect(sale.code, sale.stderr).toBe(ExitCode.usage);
      expect(sale.stderr).toMatch(/Allowed choices are adjustment, restock, return, import/);
      expect((await shop.run(["stock", "set", "MUG-S", "lots", "--reason", "adjustment"])).code).toBe(ExitCode.usage);
    });

    it("lists the SKUs running low", async () => {
      const table = await shop.run(["stock", "low"]);
      expect(table.stdout.split("\n")[0]).toMatch(/^SKU\s+AVAILABLE\s+ON HAND\s+RESERVED\s+THRESHOLD$/);
      expect(table.stdout).toMatch(/^MUG-L\s+2\s+2\s+0\s+5$/m);
      expect(table.stdout).not.toContain("MUG-S");
      const json = JSON.parse((await shop.run(["stock", "low", "--json"])).stdout) as unknown[];
      expect(json).toEqual([{ sku: "MUG-L", onHand: 2, reserved: 0, available: 2, lowStockThreshold: 5 }]);

      await shop.run(["stock", "set", "MUG-L", "30", "--reason", "restock"]);
      expect((await shop.run(["stock", "low"])).stdout).toBe("No SKU is running low.\n");
    });
  });
}

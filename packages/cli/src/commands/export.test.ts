import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../exit-codes.js";
import { cliTargets, type CliShop } from "../test-support/cli-shop.js";

// What a spreadsheet makes hard: quotes, commas and a line break in one cell, unicode, a deep category, several categories.
const AWKWARD = [
  "sku,product,name,description,brand,category,price,stock,option.size,attr.origin,status,featured,image,tax_class",
  'AWK-1,awkward-thing,"Awkward ""Thing"", Deluxe","Line one,\nline two ""quoted""",Ünïcode Co,A > B > C > D > E > F; Misc,0.05,0,,Åland,draft,false,,zero',
  "ARC-1,archived-thing,Archived Thing,,,,1000000.00,7,XL,,archived,true,https://img.example/a;b.jpg,standard",
  "",
].join("\n");

for (const target of cliTargets()) {
  const reason = await target.unavailable();
  describe.skipIf(reason !== null)(`emporium export products on ${target.dialect}${reason === null ? "" : ` (skipped: ${reason})`}`, () => {
    let source: CliShop;
    let copy: CliShop;
    beforeAll(async () => {
      [source, copy] = await Promise.all([target.open(), target.open()]);
      expect((await source.run(["seed", "--demo", "--products", "25"])).code).toBe(ExitCode.ok);
      writeFileSync(join(source.dir, "awkward.csv"), AWKWARD);
      expect((await source.run(["import", "products", join(source.dir, "awkward.csv")])).code).toBe(ExitCode.ok);
    });
    afterAll(() => Promise.all([source?.close(), copy?.close()]));

    for (const format of ["csv", "jsonl"] as const) {
      it(`round-trips as ${format}: export, import into an empty shop, export again gives the same file`, async () => {
        const first = join(source.dir, `first.${format}`);
        const exported = await source.run(["export", "products", "--format", format, "--out", first]);
        expect(exported.code, exported.stderr).toBe(ExitCode.ok);
        expect(exported.stderr).toMatch(/Exported \d+ rows to /);

        const imported = await copy.run(["import", "products", first, "--json"]);
        expect(imported.code, imported.stderr).toBe(ExitCode.ok);
        const summary = JSON.parse(imported.stdout) as Record<string, number>;
        expect(summary["rejected"]).toBe(0);
        expect(summary["rows"]).toBeGreaterThan(25);

        const second = await copy.run(["export", "products", "--format", format]);
        expect(second.code, second.stderr).toBe(ExitCode.ok);
        expect(second.stdout).toBe(readFileSync(first, "utf8"));
      });
    }

    it("writes the columns of DESIGN §14, then options and attributes, each sorted, between stock and status", async () => {
      const { stdout } = await source.run(["export", "products"]);
      const header = stdout.split("\n")[0]!.split(",");
      expect(header.slice(0, 8)).toEqual(["sku", "product", "name", "description", "brand", "category", "price", "stock"]);
      expect(header.slice(-4)).toEqual(["status", "featured", "image", "tax_class"]);
      const middle = header.slice(8, -4);
      const options = middle.filter((column) => column.startsWith("option."));
      const attributes = middle.filter((column) => column.startsWith("attr."));
      expect(middle).toEqual([...options.sort(), ...attributes.sort()]);
      expect(options).toContain("option.size");
      expect(attributes).toContain("attr.origin");
      expect(stdout).toContain(
        'AWK-1,awkward-thing,"Awkward ""Thing"", Deluxe","Line one,\nline two ""quoted""",Ünïcode Co,A > B > C > D > E > F; Misc,0.05,0,',
      );
    });
  });
}

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Tokens } from "@emporium/adapters";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../exit-codes.js";
import { cliTargets, type CliShop } from "../test-support/cli-shop.js";

// Good rows and bad ones, as DESIGN §14 spells them; a line per row so the row numbers are line numbers.
const MIXED = [
  "sku,product,name,description,brand,category,price,stock,option.size,attr.material,status,featured,image,tax_class,colour",
  'TEE-S,classic-tee,Classic Tee,"Soft, heavy cotton",Acme,Apparel > Tops > T-Shirts,19.99,10,S,cotton,active,true,https://img.example/tee/1.jpg;https://img.example/tee/2.jpg,standard,',
  'TEE-M,classic-tee,Classic Tee,"Soft, heavy cotton",Acme,Apparel > Tops > T-Shirts,19.99,3,M,cotton,active,true,https://img.example/tee/1.jpg;https://img.example/tee/2.jpg,standard,',
  'CAFE-1,cafe-creme,"Café Crème, Ünïcode ☕","Crème brûlée flavour, 250 g",Brûlerie,Grocery > Coffee,8.50,20,,arabica,active,false,,reduced,',
  "DEEP-1,deep-thing,Deep Thing,,,A > B > C > D > E > F,5,1,,,,,,,",
  "NEG-1,negative,Negative Price,,,Misc,-1.00,1,,,,,,,",
  ",no-sku,No SKU,,,Misc,1.00,1,,,,,,,",
  "TEE-S,other-tee,Duplicate Sku Tee,,,Misc,9.99,1,,,,,,,",
  "COL-1,colourful,Colourful,,,Misc,3.00,1,,,,,,,red",
].join("\n");

for (const target of cliTargets()) {
  const reason = await target.unavailable();
  describe.skipIf(reason !== null)(`emporium import products on ${target.dialect}${reason === null ? "" : ` (skipped: ${reason})`}`, () => {
    let shop: CliShop;
    let file: string;
    beforeAll(async () => {
      shop = await target.open();
      file = join(shop.dir, "catalogue.csv");
      writeFileSync(file, `${MIXED}\n`);
    });
    afterAll(() => shop.close());

    it("imports the good rows, rejects each bad one with its reason, and exits 2", async () => {
      const result = await shop.run(["import", "products", file]);
      expect(result.stdout).toBe(
        `Imported ${file}: 8 rows: 4 created, 0 updated, 0 unchanged, 4 rejected; 11 new categories.\n` +
          `Rejected rows, with the reason for each, are in ${join(shop.dir, "catalogue.rejects.csv")}\n` +
          "Search and notifications follow as the outbox is delivered (by a running server, or the worker); `emporium reindex` rebuilds search now.\n",
      );
      expect(result.code, result.stderr).toBe(ExitCode.rowsRejected);
      expect(result.stderr).toContain('warning: column "colour" is not part of the import format');
      expect(result.stderr).toContain("importing: 8/8 rows");

      const rejects = parse(readFileSync(join(shop.dir, "catalogue.rejects.csv"), "utf8"), { columns: true }) as Record<string, string>[];
      const byLine = Object.fromEntries(rejects.map((row) => [row["rejected_row"], row]));
      expect(Object.keys(byLine).sort()).toEqual(["6", "7", "8", "9"]);
      expect(byLine["6"]).toMatchObject({ rejected_field: "price", sku: "NEG-1", price: "-1.00" });
      expect(byLine["6"]!["rejected_reason"]).toMatch(/non-negative/);
      expect(byLine["7"]).toMatchObject({ rejected_field: "sku", rejected_reason: "is required", product: "no-sku" });
      expect(byLine["8"]).toMatchObject({ rejected_field: "sku", sku: "TEE-S", name: "Duplicate Sku Tee" });
      expect(byLine["8"]!["rejected_reason"]).toBe("TEE-S appears again; it was first given in row 2");
      expect(byLine["9"]).toMatchObject({ rejected_field: "colour", colour: "red" });
      expect(byLine["9"]!["rejected_reason"]).toMatch(/^unknown column "colour"/);

      const container = await shop.container();
      const products = container.get(Tokens.Repositories).products;
      const tee = await products.findBySlug("classic-tee");
      expect(tee?.variants.map((v) => [v.sku, v.price, v.options])).toEqual([
        ["TEE-S", 1999, { size: "S" }],
        ["TEE-M", 1999, { size: "M" }],
      ]);
      expect(tee).toMatchObject({ description: "Soft, heavy cotton", brand: "Acme", featured: true, attributes: { material: "cotton" } });
      expect(tee?.images).toEqual(["https://img.example/tee/1.jpg", "https://img.example/tee/2.jpg"]);
      expect(await products.findBySlug("cafe-creme")).toMatchObject({
        name: "Café Crème, Ünïcode ☕",
        brand: "Brûlerie",
        taxClass: "reduced",
      });
      const categories = await container.get(Tokens.Repositories).categories.findAll();
      const deep = await products.findBySlug("deep-thing");
      const leaf = categories.find((category) => category.id === deep?.categoryIds[0]);
      expect(leaf?.name).toBe("F");
      expect(leaf?.path.split("/").filter((part) => part !== "")).toHaveLength(6);
      expect(await products.findBySlug("negative")).toBeNull();
      const [level] = await container.get(Tokens.Repositories).inventory.findManyBySkus(["CAFE-1"]);
      expect(level?.onHand).toBe(20);
    });

    it("changes nothing when the same file is imported again", async () => {
      const before = await shop.run(["export", "products"]);
      const outbox = (await shop.container()).get(Tokens.OutboxRelay);
      const pendingBefore = (await outbox.status()).pending;
      const again = await shop.run(["import", "products", file, "--json"]);
      expect(again.code, again.stderr).toBe(ExitCode.rowsRejected);
      expect(JSON.parse(again.stdout)).toMatchObject({ rows: 8, created: 0, updated: 0, unchanged: 4, rejected: 4, categoriesCreated: 0 });
      const after = await shop.run(["export", "products"]);
      expect(after.stdout).toBe(before.stdout);
      expect((await outbox.status()).pending).toBe(pendingBefore);
    });

    it("keeps every row of a product in one batch, however the file is ordered", async () => {
      const shuffled = join(shop.dir, "shuffled.csv");
      writeFileSync(
        shuffled,
        [
          "sku,product,name,price,option.size",
          "AL-1,alpha,Alpha,1.00,S",
          "BE-1,beta,Beta,2.00,",
          "AL-2,alpha,Alpha,1.50,M",
          "AL-3,alpha,Alpha Renamed,1.75,L",
          "",
        ].join("\n"),
      );
      const result = await shop.run([
        "import",
        "products",
        shuffled,
        "--batch-size",
        "1",
        "--rejects",
        join(shop.dir, "shuffled-rejects.csv"),
      ]);
      expect(result.code, result.stderr).toBe(ExitCode.rowsRejected);
      expect(result.stdout).toMatch(/: 3 created, 0 updated, 0 unchanged, 1 rejected\./);
      const alpha = await (await shop.container()).get(Tokens.Repositories).products.findBySlug("alpha");
      expect(alpha?.name).toBe("Alpha");
      expect(alpha?.variants.map((variant) => variant.sku)).toEqual(["AL-1", "AL-2"]);
      const rejects = readFileSync(join(shop.dir, "shuffled-rejects.csv"), "utf8");
      expect(rejects).toMatch(/^5,name,"differs from the first row of product alpha/m);
    });

    it("runs batches concurrently without duplicating the categories they create", async () => {
      const file = join(shop.dir, "concurrent.csv");
      const rows = Array.from(
        { length: 16 },
        (_, i) => `CC-${i},concurrent-${i},Concurrent ${i},1.00,Shared > Deep > Leaf ${i % 3}; Other ${i % 2}`,
      );
      writeFileSync(file, ["sku,product,name,price,category", ...rows, ""].join("\n"));
      const result = await shop.run(["import", "products", file, "--batch-size", "1", "--concurrency", "4", "--json"]);
      expect(JSON.parse(result.stdout)).toMatchObject({ created: 16, rejected: 0, categoriesCreated: 7 });
      const categories = await (await shop.container()).get(Tokens.Repositories).categories.findAll();
      const names = categories.map((category) => category.name).filter((name) => /^(Shared|Deep|Leaf \d|Other \d)$/.test(name));
      expect(names.sort()).toEqual(["Deep", "Leaf 0", "Leaf 1", "Leaf 2", "Other 0", "Other 1", "Shared"]);
    });
  });
}

describe("emporium import products, beyond the catalogue rules", () => {
  const [sqlite] = cliTargets();
  let shop: CliShop;
  beforeAll(async () => {
    shop = await sqlite!.open();
  });
  afterAll(() => shop.close());

  it("writes nothing in a dry run but reports what it would do", async () => {
    const file = join(shop.dir, "dry.csv");
    writeFileSync(file, "sku,product,name,price,stock\nDRY-1,dry-run,Dry Run,4.20,7\nDRY-2,dry-run,Dry Run,4.40,bad\n");
    const result = await shop.run(["import", "products", file, "--dry-run"]);
    expect(result.stdout).toBe(
      `Dry run of ${file}, nothing was written: 2 rows: 1 to create, 0 to update, 0 unchanged, 1 rejected.\n` +
        `Rejected rows, with the reason for each, are in ${join(shop.dir, "dry.rejects.csv")}\n`,
    );
    expect(result.stderr).toContain("checking: 2/2 rows");
    expect(readFileSync(join(shop.dir, "dry.rejects.csv"), "utf8")).toContain('3,stock,"must be a whole number, got ""bad"""');
    expect((await shop.run(["export", "products"])).stdout.split("\n").filter((line) => line !== "")).toHaveLength(1);
  });

  it("reads JSONL with nested options and attributes, and rejects a line that is not JSON", async () => {
    const file = join(shop.dir, "feed.jsonl");
    writeFileSync(
      file,
      [
        JSON.stringify({
          sku: "J-1",
          product: "json-tee",
          name: "JSON Tee",
          price: "12.50",
          stock: 4,
          options: { size: "S" },
          attributes: { fit: "slim" },
          category: ["Apparel > Tops"],
          image: ["https://img.example/j.jpg"],
          featured: true,
        }),
        "{not json",
        JSON.stringify({ sku: "J-2", product: "json-tee", name: "JSON Tee", price: 13, options: { size: "M" } }),
        "",
      ].join("\n"),
    );
    const result = await shop.run(["import", "products", file]);
    expect(result.stdout).toMatch(/3 rows: 2 created, 0 updated, 0 unchanged, 1 rejected/);
    const rejects = parse(readFileSync(join(shop.dir, "feed.rejects.csv"), "utf8"), { columns: true }) as Record<string, string>[];
    expect(rejects).toEqual([expect.objectContaining({ rejected_row: "2", rejected_field: "line", record: "{not json" })]);
    const product = await (await shop.container()).get(Tokens.Repositories).products.findBySlug("json-tee");
    expect(product?.variants.map((variant) => [variant.sku, variant.price, variant.options])).toEqual([
      ["J-1", 1250, { size: "S" }],
      ["J-2", 1300, { size: "M" }],
    ]);
    expect(product).toMatchObject({ attributes: { fit: "slim" }, featured: true, images: ["https://img.example/j.jpg"] });
  });

  it("rejects a malformed row with its values and carries on", async () => {
    const file = join(shop.dir, "ragged.csv");
    writeFileSync(
      file,
      'sku,product,name,price,option.size\nOK-1,ragged,Ragged,1.00,S\nSHORT,ragged\nOK-2,ragged,Ragged,2.00,M\nBAD,"unclosed,1.00,L\n',
    );
    const result = await shop.run(["import", "products", file]);
    expect(result.code, result.stderr).toBe(ExitCode.rowsRejected);
    expect(result.stdout).toMatch(/4 rows: 2 created, 0 updated, 0 unchanged, 2 rejected/);
    const rejects = readFileSync(join(shop.dir, "ragged.rejects.csv"), "utf8");
    expect(rejects).toContain("3,row,has 2 fields where the header has 5,SHORT,ragged");
    expect(rejects).toMatch(/^5,row,is not valid CSV: Quote Not Closed.*,"BAD,""unclosed,1.00,L"$/m);
  });

  it("imports a corrected reject file as it is", async () => {
    const file = join(shop.dir, "fixable.csv");
    writeFileSync(file, "sku,product,name,price\nFIX-1,fixable,Fixable,12.345\n");
    expect((await shop.run(["import", "products", file])).code).toBe(ExitCode.rowsRejected);
    const rejects = join(shop.dir, "fixable.rejects.csv");
    writeFileSync(rejects, readFileSync(rejects, "utf8").replace(",12.345", ",12.34"));
    const fixed = await shop.run(["import", "products", rejects, "--json"]);
    expect(fixed.code, fixed.stderr).toBe(ExitCode.ok);
    expect(JSON.parse(fixed.stdout)).toMatchObject({ rows: 1, created: 1, rejected: 0 });
  });

  it("refuses a file it cannot import at all with one line", async () => {
    const noPrice = join(shop.dir, "no-price.csv");
    writeFileSync(noPrice, "sku,product,name\nX,x,X\n");
    expect(await shop.run(["import", "products", noPrice])).toMatchObject({
      code: ExitCode.invalid,
      stderr: `emporium: ${noPrice}: the header has no price column; the import format needs sku, product, name, price (see DESIGN §14)\n`,
    });
    expect(await shop.run(["import", "products", join(shop.dir, "missing.csv")])).toMatchObject({ code: ExitCode.invalid });
    const unknown = await shop.run(["import", "products", join(shop.dir, "catalogue.xlsx")]);
    expect(unknown).toMatchObject({ code: ExitCode.usage });
    expect(unknown.stderr).toMatch(/--format csv or --format jsonl/);
    expect(existsSync(join(shop.dir, "no-price.rejects.csv"))).toBe(false);
  });
});

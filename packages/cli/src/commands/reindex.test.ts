import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Tokens } from "@emporium/adapters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../exit-codes.js";
import { openSqliteShop, type CliShop } from "../test-support/cli-shop.js";

describe("emporium reindex", () => {
  let shop: CliShop;
  beforeAll(async () => {
    shop = await openSqliteShop();
  });
  afterAll(() => shop.close());

  it("rebuilds the search index from the catalogue, with progress", async () => {
    const file = join(shop.dir, "catalogue.csv");
    writeFileSync(
      file,
      [
        "sku,product,name,price,status",
        ...Array.from({ length: 7 }, (_, i) => `ZEP-${i},zeppelin-${i},Zeppelin Model ${i},${10 + i}.00,active`),
        "ZEP-X,zeppelin-x,Zeppelin Draft,9.00,draft",
        "",
      ].join("\n"),
    );
    await shop.run(["import", "products", file]);
    const search = (await shop.container()).get(Tokens.SearchIndex);
    // The import leaves its events to a server: nothing delivered them, so search knows nothing yet.
    expect((await search.search({ q: "zeppelin", page: 1, limit: 20 })).total).toBe(0);

    const result = await shop.run(["reindex", "--batch", "3"]);
    expect(result).toMatchObject({ code: ExitCode.ok, stdout: "Reindexed 7 products.\n" });
    expect(result.stderr).toMatch(/^indexing: 7\/7 products \(\d+ products\/s\)\n$/);
    expect((await search.search({ q: "zeppelin", page: 1, limit: 20 })).total).toBe(7);
  });

  it("needs a positive batch size", async () => {
    expect((await shop.run(["reindex", "--batch", "0"])).code).toBe(ExitCode.usage);
  });
});

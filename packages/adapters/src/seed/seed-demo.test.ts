import { afterEach, describe, expect, it } from "vitest";
import { createContainer, type EmporiumContainer } from "../container/create-container.js";
import { tempSqlite, type TempSqlite } from "../container/test-support/sqlite-file.js";
import { Tokens } from "../container/tokens.js";
import { generateDemoCatalog } from "./demo-catalog.js";
import { DEMO_COUPON, seedDemo } from "./seed-demo.js";

describe("seedDemo", () => {
  let file: TempSqlite;
  let container: EmporiumContainer;

  afterEach(async () => {
    await container.close();
    file.remove();
  });

  const open = async () => {
    file = tempSqlite();
    container = await createContainer(file.config({ JWT_SECRET: "a-secret-for-the-seed-test-0123456789abcdef" }));
  };

  it("imports the catalogue in batches, with reviews and the WELCOME10 coupon, and indexes it for search", async () => {
    await open();
    const progress: number[] = [];
    const report = await seedDemo(container, { products: 30, batchSize: 8, onProgress: (done) => progress.push(done) });
    const rows = [...generateDemoCatalog({ products: 30 })];

    expect(report).toMatchObject({ seeded: true, products: 30, variants: rows.length, coupon: DEMO_COUPON });
    expect(report.categoriesCreated).toBeGreaterThan(10);
    expect(report.reviews).toBeGreaterThanOrEqual(15);
    expect(progress).toEqual([8, 16, 24, 30]);

    const repos = container.get(Tokens.Repositories);
    const tee = await repos.products.findBySlug("classic-tee");
    expect(tee?.name).toBe("Classic Tee");
    expect(tee?.rating.count).toBeGreaterThan(0);
    const levels = await repos.inventory.findManyBySkus(rows.map((row) => row.sku));
    expect(levels).toHaveLength(rows.length);
    expect(await repos.promotions.findByCode(DEMO_COUPON)).toMatchObject({ kind: "percent_off", value: 1000 });

    await container.get(Tokens.OutboxProcessor).drain();
    const found = await container.get(Tokens.SearchIndex).search({ q: "headphones", page: 1, limit: 10 });
    expect(found.total).toBeGreaterThan(0);
  });

  it("does nothing when the shop already has products", async () => {
    await open();
    await seedDemo(container, { products: 5 });
    const again = await seedDemo(container, { products: 50 });
    expect(again.seeded).toBe(false);
    const page = await container.get(Tokens.Repositories).products.list({ limit: 100 });
    expect(page.items).toHaveLength(5);
  });
});

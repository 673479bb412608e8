import { GetProduct, ListProducts, type Category, type Product, type Repositories } from "@emporium/domain";
import type { KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCategory, aChildCategory, at, aVariant, seedProduct } from "../contracts/fixtures.js";
import { createKyselyRepositories } from "./create-kysely-repositories.js";
import type { SqlPersistence } from "./create-sql-persistence.js";
import { sqlTargets } from "./test-support/sql-targets.js";

/** Counts the statements sent to the database. */
class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery: KyselyPlugin["transformQuery"] = (args) => args.node;
  transformResult: KyselyPlugin["transformResult"] = async (args) => {
    this.count += 1;
    return args.result;
  };
}

for (const target of sqlTargets()) {
  const reason = await target.unavailable();
  describe.skipIf(reason !== null)(`product reads on ${target.dialect}${reason === null ? "" : ` (skipped: ${reason})`}`, () => {
    // Statements that read the variants and links of a set of products: one union on PostgreSQL (a round trip
    // each), one per table on SQLite (in process, where three index reads cost less than sorting a union).
    const parts = target.dialect === "postgres" ? 1 : 3;
    let sql: SqlPersistence;
    let counter: QueryCounter;
    let repos: Repositories;
    let leaf: Category;
    // The newest first: neighbours[0] is the newest product of the leaf category.
    let neighbours: Product[];
    let product: Product;
    let curated: Product;
    let together: Product;
    let stocked: Product[];
    const soldOut = new Set([0, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 23, 24]);

    beforeAll(async () => {
      sql = await target.open();
      counter = new QueryCounter();
      repos = createKyselyRepositories(sql.database.db.withPlugin(counter), target.dialect, { cipher: sql.cipher });
      const root = aCategory();
      leaf = aChildCategory(root);
      const other = aCategory();
      const shelf = aCategory();
      for (const category of [root, leaf, other, shelf]) await sql.repos.categories.save(category);
      // 30 products in the leaf, most of them sold out; the product itself sits among the newest 24.
      neighbours = [];
      for (let i = 0; i < 30; i++) {
        const variants = [aVariant(), aVariant({ status: "archived" })];
        neighbours.push(await seedProduct(sql.repos, { categoryIds: [leaf.id], variants, createdAt: at(100 - i) }, soldOut.has(i) ? 0 : 5));
      }
      curated = await seedProduct(sql.repos, { categoryIds: [other.id] }, 3);
      together = await seedProduct(sql.repos, { categoryIds: [other.id] }, 3);
      product = await seedProduct(
        sql.repos,
        { categoryIds: [leaf.id, root.id], relatedProductIds: [curated.id], createdAt: at(100 - 3.5), variants: [aVariant(), aVariant()] },
        2,
      );
      await sql.database.db.insertInto("product_pairs").values({ product_id: product.id, other_id: together.id, orders: 3 }).execute();
      // A shelf where everything is in stock.
      stocked = [];
      for (let i = 0; i < 12; i++) stocked.push(await seedProduct(sql.repos, { categoryIds: [shelf.id], createdAt: at(200 - i) }, 1));
    });
    afterAll(async () => {
      await sql?.close();
    });

    async function counted<T>(read: () => Promise<T>): Promise<{ value: T; queries: number }> {
      counter.count = 0;
      const value = await read();
      return { value, queries: counter.count };
    }

    it("reads a product page in a fixed number of statements when the first category page fills the related list", async () => {
      const { value, queries } = await counted(() => new GetProduct({ repos }).execute({ slug: stocked[3]!.slug }));
      if (!value.ok) throw new Error("product not found");
      // Product row, its parts, categories, bought-together, its stock, one category page of summaries (subtree, rows).
      expect(queries).toBe(6 + parts);
      expect(value.value.related.map((s) => s.id)).toEqual(
        stocked
          .filter((_, i) => i !== 3)
          .map((p) => p.id)
          .slice(0, 8),
      );
    });

    it("fills the related list from the newest in stock of a mostly sold-out category in two pages", async () => {
      const { value, queries } = await counted(() => new GetProduct({ repos }).execute({ slug: product.slug }));
      if (!value.ok) throw new Error("product not found");
      // Product row and parts, categories, bought-together, its stock, curated and bought-together summaries,
      // the category's newest page, then one page of its in-stock summaries (subtree and rows each),
      // however many sold-out products it passes.
      expect(queries).toBe(9 + parts);
      // Curated first, then bought together, then the category's newest in stock (itself left out).
      const fromCategory = neighbours.filter((_, i) => !soldOut.has(i));
      expect(value.value.related.map((s) => s.id)).toEqual([curated.id, together.id, ...fromCategory.map((p) => p.id)].slice(0, 8));
      expect(value.value.categories.map((c) => c.id)).toEqual(product.categoryIds);
      expect(value.value.variants.map((v) => [v.sku, v.available])).toEqual(product.variants.map((v) => [v.sku, 2]));
    });

    it("reads a list page, a deep page and a category page in a fixed number of statements", async () => {
      const list = new ListProducts({ repos });
      const first = await counted(() => list.execute({ limit: 5 }));
      if (!first.value.ok) throw new Error("list failed");
      // Summaries with their stock: one statement.
      expect(first.queries).toBe(1);
      const deep = await counted(() => list.execute({ limit: 5, cursor: first.value.ok ? first.value.value.nextCursor : null }));
      expect(deep.queries).toBe(1);
      const category = await counted(() => list.execute({ limit: 5, categorySlug: leaf.slug }));
      // The category by slug, its subtree, then a page.
      expect(category.queries).toBe(3);
      const inStock = await counted(() => list.execute({ limit: 5, categorySlug: leaf.slug, inStock: true }));
      // Stock is filtered in the statement: a full page of the in-stock ones, no refills.
      expect(inStock.queries).toBe(3);
      expect(inStock.value.ok && inStock.value.value.items.map((s) => s.id)).toEqual(
        [neighbours[1]!, product, neighbours[4]!, neighbours[21]!, neighbours[22]!].map((p) => p.id),
      );
      expect(category.value.ok && category.value.value.items.map((s) => s.id)).toEqual(
        [...neighbours.slice(0, 4), product].map((p) => p.id),
      );
    });
  });
}

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
      // Product row, its parts, categories, bought-together, one category page (subtree, rows, parts), stock.
      expect(queries).toBe(6 + 2 * parts);
      expect(value.value.related.map((s) => s.id)).toEqual(
        stocked
          .filter((_, i) => i !== 3)
          .map((p) => p.id)
          .slice(0, 8),
      );
    });

    it("reads further into the category only while short of products in stock, never past its newest 24", async () => {
      const { value, queries } = await counted(() => new GetProduct({ repos }).execute({ slug: product.slug }));
      if (!value.ok) throw new Error("product not found");
      // Product row and parts, categories, bought-together, curated rows and parts, a first category page of 7
      // (subtree, rows, parts), stock of all of them; then pages of 7 and 10 (subtree, rows, parts, stock) until 24 were read.
      expect(queries).toBe(13 + 5 * parts);
      // Curated first, then bought together, then the in-stock of the category's newest 24 (itself among them).
      const newest24 = [...neighbours.slice(0, 4), product, ...neighbours.slice(4)].slice(0, 24);
      const fromCategory = newest24.filter((p) => p.id !== product.id && !soldOut.has(neighbours.indexOf(p)));
      expect(value.value.related.map((s) => s.id)).toEqual([curated.id, together.id, ...fromCategory.map((p) => p.id)]);
      expect(value.value.categories.map((c) => c.id)).toEqual(product.categoryIds);
      expect(value.value.variants.map((v) => [v.sku, v.available])).toEqual(product.variants.map((v) => [v.sku, 2]));
    });

    it("reads a list page, a deep page and a category page in a fixed number of statements", async () => {
      const list = new ListProducts({ repos });
      const first = await counted(() => list.execute({ limit: 5 }));
      if (!first.value.ok) throw new Error("list failed");
      // Rows, their parts, stock.
      expect(first.queries).toBe(2 + parts);
      const deep = await counted(() => list.execute({ limit: 5, cursor: first.value.ok ? first.value.value.nextCursor : null }));
      expect(deep.queries).toBe(2 + parts);
      const category = await counted(() => list.execute({ limit: 5, categorySlug: leaf.slug }));
      // The category by slug, its subtree, then a list page.
      expect(category.queries).toBe(4 + parts);
      expect(category.value.ok && category.value.value.items.map((s) => s.id)).toEqual(
        [...neighbours.slice(0, 4), product].map((p) => p.id),
      );
    });
  });
}

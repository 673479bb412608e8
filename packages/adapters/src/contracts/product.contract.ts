import { toProductSummary, type Product, type Page, type ProductListQuery } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { aCategory, aChildCategory, aProduct, aVariant, at, collectPages, seedProduct, seedStock, uid } from "./fixtures.js";
import { useHarness, type CreateHarness } from "./harness.js";

export function productRepositoryContract(create: CreateHarness): void {
  describe("ProductRepository", () => {
    const store = useHarness(create);
    const repos = () => store().repos;

    /** All products of a list query, page by page. */
    const listAll = async (query: Omit<ProductListQuery, "limit" | "cursor">, limit = 3) =>
      collectPages((cursor) => repos().products.list({ ...query, limit, cursor }));
    const ids = (products: readonly Product[]) => products.map((p) => p.id);

    it("round-trips a product with its variants, categories and related products", async () => {
      const primary = aCategory();
      const secondary = aCategory();
      await repos().categories.save(primary);
      await repos().categories.save(secondary);
      const related = await seedProduct(repos());
      const product = aProduct({
        brand: null,
        featured: true,
        categoryIds: [secondary.id, primary.id],
        relatedProductIds: [related.id],
        attributes: { material: "linen", fit: "loose", care: "cold wash" },
        variants: [
          aVariant({ price: 2500, options: { size: "L", colour: "red", fabric: "linen" } }),
          aVariant({ price: 1500, status: "archived", lowStockThreshold: 0 }),
        ],
        rating: { average: 4.5, count: 2 },
        createdAt: at(-60),
        updatedAt: at(5),
      });
      await repos().products.save(product);

      const found = await repos().products.findById(product.id);
      expect(found).toEqual(product);
      expect(await repos().products.findBySlug(product.slug)).toEqual(product);
      // Names keep the merchant's order (toEqual alone ignores key order).
      expect(Object.keys(found!.attributes)).toEqual(Object.keys(product.attributes));
      expect(Object.keys(found!.variants[0]!.options)).toEqual(Object.keys(product.variants[0]!.options));
    });

    it("returns null for an unknown id or slug", async () => {
      expect(await repos().products.findById(uid("missing"))).toBeNull();
      expect(await repos().products.findBySlug(uid("missing"))).toBeNull();
    });

    it("replaces the product and its variants on save", async () => {
      const product = await seedProduct(repos(), { variants: [aVariant(), aVariant()] });
      const kept = product.variants[1]!;
      const added = aVariant({ price: 999 });
      const changed: Product = {
        ...product,
        name: "Renamed",
        status: "archived",
        variants: [added, { ...kept, price: 4242 }],
        updatedAt: at(30),
      };
      await repos().products.save(changed);

      expect(await repos().products.findById(product.id)).toEqual(changed);
      expect(await repos().products.findManyBySkus([product.variants[0]!.sku])).toEqual([]);
    });

    it("refuses a slug or a SKU that another product holds, leaving that product as it was", async () => {
      const owner = await seedProduct(repos());
      await expect(repos().products.save(aProduct({ slug: owner.slug }))).rejects.toThrow();
      await expect(repos().products.save(aProduct({ variants: [aVariant({ sku: owner.variants[0]!.sku })] }))).rejects.toThrow();
      expect(await repos().products.findById(owner.id)).toEqual(owner);
    });

    it("finds many by slugs, each once, skipping unknown slugs", async () => {
      const a = await seedProduct(repos(), { variants: [aVariant(), aVariant()] });
      const b = await seedProduct(repos());
      await seedProduct(repos());
      const found = await repos().products.findManyBySlugs([b.slug, uid("missing"), a.slug, b.slug]);
      expect(ids(found).sort()).toEqual([a.id, b.id].sort());
      expect(found.find((p) => p.id === a.id)).toEqual(a);
      expect(await repos().products.findManyBySlugs([])).toEqual([]);
    });

    it("saves many products at once: new ones inserted, existing ones replaced with their variants and links", async () => {
      const category = aCategory();
      await repos().categories.save(category);
      const stored = await seedProduct(repos(), { variants: [aVariant(), aVariant()] });
      const related = await seedProduct(repos());
      const replaced: Product = {
        ...stored,
        name: "Renamed in bulk",
        categoryIds: [category.id],
        relatedProductIds: [related.id],
        variants: [{ ...stored.variants[1]!, price: 1234 }, aVariant({ options: { size: "XL" } })],
        updatedAt: at(30),
      };
      const fresh = [aProduct({ categoryIds: [category.id] }), aProduct({ variants: [aVariant(), aVariant(), aVariant()] })];
      await repos().products.saveMany([fresh[0]!, replaced, fresh[1]!]);

      expect(await repos().products.findManyByIds([fresh[0]!.id, replaced.id, fresh[1]!.id])).toEqual([fresh[0], replaced, fresh[1]]);
      expect(await repos().products.findManyBySkus([stored.variants[0]!.sku])).toEqual([]);
      await repos().products.saveMany([]);
    });

    it("refuses, in a bulk save, a SKU another product holds, leaving that product as it was", async () => {
      const owner = await seedProduct(repos());
      const taken = aProduct({ variants: [aVariant({ sku: owner.variants[0]!.sku })] });
      await expect(repos().products.saveMany([aProduct(), taken])).rejects.toThrow();
      expect(await repos().products.findById(owner.id)).toEqual(owner);
    });

    it("finds many by ids in the order asked, each once, skipping unknown ids", async () => {
      const a = await seedProduct(repos());
      const b = await seedProduct(repos());
      const found = await repos().products.findManyByIds([b.id, uid("missing"), a.id, b.id]);
      expect(ids(found)).toEqual([b.id, a.id]);
      expect(found[0]).toEqual(b);
      expect(await repos().products.findManyByIds([])).toEqual([]);
    });

    it("finds the products owning any of some SKUs, with all their variants", async () => {
      const a = await seedProduct(repos(), { variants: [aVariant(), aVariant()] });
      const b = await seedProduct(repos());
      await seedProduct(repos());
      const found = await repos().products.findManyBySkus([a.variants[1]!.sku, b.variants[0]!.sku, "NO-SUCH-SKU"]);
      expect(found.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
      expect(found.find((p) => p.id === a.id)).toEqual(a);
    });

    it("pages through a list without repeating or missing a product, even with equal sort keys", async () => {
      const brand = uid("brand");
      const saved: Product[] = [];
      for (let i = 0; i < 7; i++) saved.push(await seedProduct(repos(), { brand, createdAt: at(i % 3) }));
      for (const sort of ["newest", "name", "price_asc", "price_desc"] as const) {
        const pages = await listAll({ brand, sort });
        expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
        const listed = pages.flat().map((p) => p.id);
        expect(new Set(listed).size).toBe(7);
        expect([...listed].sort()).toEqual(ids(saved).sort());
      }
    });

    it("sorts newest first by default, then by name, then by price", async () => {
      const brand = uid("brand");
      const cheap = await seedProduct(repos(), { brand, name: "banana", createdAt: at(1), variants: [aVariant({ price: 100 })] });
      const dear = await seedProduct(repos(), { brand, name: "Apple", createdAt: at(3), variants: [aVariant({ price: 900 })] });
      const middle = await seedProduct(repos(), { brand, name: "cherry", createdAt: at(2), variants: [aVariant({ price: 500 })] });

      expect(ids((await listAll({ brand })).flat())).toEqual([dear.id, middle.id, cheap.id]);
      expect(ids((await listAll({ brand, sort: "name" })).flat())).toEqual([dear.id, cheap.id, middle.id]);
      expect(ids((await listAll({ brand, sort: "price_asc" })).flat())).toEqual([cheap.id, middle.id, dear.id]);
      expect(ids((await listAll({ brand, sort: "price_desc" })).flat())).toEqual([dear.id, middle.id, cheap.id]);
    });

    it("keeps its place when a product is added between two pages", async () => {
      const brand = uid("brand");
      for (let i = 0; i < 4; i++) await seedProduct(repos(), { brand, createdAt: at(i) });
      const first = await repos().products.list({ brand, limit: 2 });
      const newest = await seedProduct(repos(), { brand, createdAt: at(100) });
      const second = await repos().products.list({ brand, limit: 2, cursor: first.nextCursor });
      const seen = [...first.items, ...second.items].map((p) => p.id);
      expect(new Set(seen).size).toBe(4);
      expect(seen).not.toContain(newest.id);
      expect(second.nextCursor).toBeNull();
    });

    it("filters by status, brand and featured", async () => {
      const brand = uid("brand");
      const active = await seedProduct(repos(), { brand, featured: true });
      const draft = await seedProduct(repos(), { brand, status: "draft" });
      await seedProduct(repos(), { brand: uid("other-brand") });

      expect(ids((await listAll({ brand, status: "active" })).flat())).toEqual([active.id]);
      expect(ids((await listAll({ brand, status: "draft" })).flat())).toEqual([draft.id]);
      expect(ids((await listAll({ brand, featured: true })).flat())).toEqual([active.id]);
      expect(ids((await listAll({ brand, featured: false })).flat())).toEqual([draft.id]);
    });

    it("filters by price against the cheapest active variant", async () => {
      const brand = uid("brand");
      const cheap = await seedProduct(repos(), { brand, variants: [aVariant({ price: 500 }), aVariant({ price: 3000 })] });
      // The archived 100 does not count while an active variant is left.
      const mid = await seedProduct(repos(), {
        brand,
        variants: [aVariant({ price: 100, status: "archived" }), aVariant({ price: 1500 })],
      });
      const dear = await seedProduct(repos(), { brand, variants: [aVariant({ price: 5000 })] });

      expect(ids((await listAll({ brand, sort: "price_asc", minPrice: 500, maxPrice: 1500 })).flat())).toEqual([cheap.id, mid.id]);
      expect(ids((await listAll({ brand, sort: "price_asc", minPrice: 501 })).flat())).toEqual([mid.id, dear.id]);
      expect(ids((await listAll({ brand, sort: "price_asc", maxPrice: 499 })).flat())).toEqual([]);
    });

    it("filters by category, descendants included, siblings not", async () => {
      const root = aCategory();
      const child = aChildCategory(root);
      const grandchild = aChildCategory(child);
      // A path that merely starts with the same letters is not a descendant.
      const lookalike = aCategory({ path: `${root.path}x` });
      for (const category of [root, child, grandchild, lookalike]) await repos().categories.save(category);
      const inRoot = await seedProduct(repos(), { categoryIds: [root.id] });
      const inGrandchild = await seedProduct(repos(), { categoryIds: [lookalike.id, grandchild.id] });
      await seedProduct(repos(), { categoryIds: [lookalike.id] });

      expect(ids((await listAll({ categoryId: root.id })).flat()).sort()).toEqual([inRoot.id, inGrandchild.id].sort());
      expect(ids((await listAll({ categoryId: child.id })).flat())).toEqual([inGrandchild.id]);
      expect(ids((await listAll({ categoryId: uid("no-such-category") })).flat())).toEqual([]);
    });

    it("lists summaries with stock: the same items, order and cursors as the products they sum up", async () => {
      const brand = uid("brand");
      const category = aCategory();
      await repos().categories.save(category);
      await seedProduct(repos(), { brand, categoryIds: [category.id], images: ["a.jpg", "b.jpg"], rating: { average: 4.5, count: 2 } }, 3);
      // Reserved stock is not free: this one is sold out though units are on hand.
      const held = await seedProduct(
        repos(),
        { brand, createdAt: at(1), variants: [aVariant({ price: 700 }), aVariant({ price: 900 })] },
        2,
      );
      for (const variant of held.variants) await repos().inventory.applyDelta(variant.sku, { onHand: 0, reserved: 2 });
      // Stock only on an archived variant does not count, and that variant's price is not in the range.
      await seedProduct(repos(), { brand, images: [], variants: [aVariant({ price: 100, status: "archived" }), aVariant({ price: 400 })] });
      const archivedOnly = aProduct({ brand, variants: [aVariant({ price: 250, status: "archived" })] });
      await repos().products.save(archivedOnly);
      await seedStock(repos(), archivedOnly.variants[0]!.sku, 9);
      await seedProduct(repos(), { brand, variants: [] });

      for (const sort of ["newest", "name", "price_asc", "price_desc"] as const) {
        for (const query of [
          { brand, sort },
          { brand, sort, featured: false },
          { categoryId: category.id, sort },
        ]) {
          let cursor: string | null = null;
          do {
            const products = await repos().products.list({ ...query, limit: 2, cursor });
            const summaries = await repos().products.listSummaries({ ...query, limit: 2, cursor });
            expect(summaries.nextCursor).toEqual(products.nextCursor);
            const skus = products.items.flatMap((p) => p.variants.map((v) => v.sku));
            const levels = new Map((await repos().inventory.findManyBySkus(skus)).map((level) => [level.sku, level]));
            expect(summaries.items).toEqual(products.items.map((p) => toProductSummary(p, levels)));
            cursor = products.nextCursor;
          } while (cursor !== null);
        }
      }
      const all = (await collectPages((cursor) => repos().products.listSummaries({ brand, limit: 10, cursor }))).flat();
      expect(all.filter((s) => s.inStock)).toHaveLength(1);
      expect(all.find((s) => s.id === held.id)).toMatchObject({ inStock: false, priceRange: { min: 700, max: 900 } });
      expect(all.find((s) => s.id === archivedOnly.id)).toMatchObject({ inStock: false, priceRange: null });
    });

    it("filters by stock: in stock means an active variant with units free now", async () => {
      const brand = uid("brand");
      const stocked = await seedProduct(repos(), { brand, createdAt: at(3) }, 5);
      const soldOut = await seedProduct(repos(), { brand, createdAt: at(2) }, 0);
      const reserved = await seedProduct(repos(), { brand, createdAt: at(1) }, 1);
      await repos().inventory.applyDelta(reserved.variants[0]!.sku, { onHand: 0, reserved: 1 });
      const archived = await seedProduct(repos(), { brand, createdAt: at(0), variants: [aVariant({ status: "archived" })] }, 5);

      const lists: ((q: ProductListQuery) => Promise<Page<{ id: string }>>)[] = [
        (q) => repos().products.list(q),
        (q) => repos().products.listSummaries(q),
      ];
      for (const list of lists) {
        const listed = async (inStock: boolean) =>
          (await collectPages((cursor) => list({ brand, inStock, limit: 1, cursor }))).flat().map((p) => p.id);
        expect(await listed(true)).toEqual([stocked.id]);
        expect(await listed(false)).toEqual([soldOut.id, reserved.id, archived.id]);
      }
    });

    it("finds summaries by ids in the order asked, each once, skipping unknown ids", async () => {
      const a = await seedProduct(repos(), { status: "draft" }, 1);
      const b = await seedProduct(repos(), {}, 0);
      const found = await repos().products.findSummariesByIds([b.id, uid("missing"), a.id, b.id]);
      const levels = new Map(
        (await repos().inventory.findManyBySkus([...a.variants, ...b.variants].map((v) => v.sku))).map((l) => [l.sku, l]),
      );
      expect(found).toEqual([toProductSummary(b, levels), toProductSummary(a, levels)]);
      expect(found.map((s) => [s.status, s.inStock])).toEqual([
        ["active", false],
        ["draft", true],
      ]);
      expect(await repos().products.findSummariesByIds([])).toEqual([]);
    });

    it("rejects a cursor it did not produce as request.malformed", async () => {
      await expect(repos().products.list({ limit: 2, cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "request.malformed" });
    });
  });
}

import { describe, expect, it } from "vitest";
import { aCategory, aChildCategory, seedProduct, uid } from "./fixtures.js";
import { useHarness, type CreateHarness } from "./harness.js";

export function categoryRepositoryContract(create: CreateHarness): void {
  describe("CategoryRepository", () => {
    const store = useHarness(create);
    const repos = () => store().repos;

    it("round-trips a category by id, slug and path", async () => {
      const parent = aCategory();
      const category = aChildCategory(parent, {
        position: 3,
        attributeDefinitions: [
          { name: "size", type: "enum", values: ["S", "M", "L"], facetable: true },
          { name: "weight", type: "number", facetable: false },
        ],
      });
      await repos().categories.save(parent);
      await repos().categories.save(category);

      expect(await repos().categories.findById(category.id)).toEqual(category);
      expect(await repos().categories.findBySlug(category.slug)).toEqual(category);
      expect(await repos().categories.findByPath(category.path)).toEqual(category);
    });

    it("finds many by id in the order asked, each once, leaving out unknown ids", async () => {
      const first = aCategory();
      const second = aCategory();
      await repos().categories.save(first);
      await repos().categories.save(second);

      expect(await repos().categories.findManyByIds([second.id, uid("missing"), first.id, second.id])).toEqual([second, first]);
      expect(await repos().categories.findManyByIds([])).toEqual([]);
    });

    it("returns null for an unknown id, slug or path", async () => {
      expect(await repos().categories.findById(uid("missing"))).toBeNull();
      expect(await repos().categories.findBySlug(uid("missing"))).toBeNull();
      expect(await repos().categories.findByPath(uid("missing"))).toBeNull();
    });

    it("lists every category with parents before their children", async () => {
      const root = aCategory();
      const child = aChildCategory(root);
      const grandchild = aChildCategory(child);
      for (const category of [root, child, grandchild]) await repos().categories.save(category);

      const all = await repos().categories.findAll();
      const position = (id: string) => all.findIndex((c) => c.id === id);
      expect(position(root.id)).toBeGreaterThanOrEqual(0);
      expect(position(root.id)).toBeLessThan(position(child.id));
      expect(position(child.id)).toBeLessThan(position(grandchild.id));
      expect(all.find((c) => c.id === grandchild.id)).toEqual(grandchild);
    });

    it("updates a category in place when saved again", async () => {
      const category = aCategory();
      await repos().categories.save(category);
      const renamed = { ...category, name: "Renamed", position: 7 };
      await repos().categories.save(renamed);
      expect(await repos().categories.findById(category.id)).toEqual(renamed);
    });

    it("refuses a path or a slug that another category holds", async () => {
      const taken = aCategory();
      await repos().categories.save(taken);
      await expect(repos().categories.save(aCategory({ path: taken.path }))).rejects.toThrow();
      await expect(repos().categories.save(aCategory({ slug: taken.slug }))).rejects.toThrow();
      expect(await repos().categories.findBySlug(taken.slug)).toEqual(taken);
    });

    it("refuses a parent that does not exist", async () => {
      await expect(repos().categories.save(aCategory({ parentId: uid("no-such-parent") }))).rejects.toThrow();
    });

    it("deletes a leaf category and unlinks its products", async () => {
      const primary = aCategory();
      const leaf = aCategory();
      await repos().categories.save(primary);
      await repos().categories.save(leaf);
      const product = await seedProduct(repos(), { categoryIds: [primary.id, leaf.id] });

      await repos().categories.delete(leaf.id);
      expect(await repos().categories.findById(leaf.id)).toBeNull();
      expect((await repos().products.findById(product.id))?.categoryIds).toEqual([primary.id]);
    });

    it("refuses to delete a category that still has children", async () => {
      const parent = aCategory();
      const child = aChildCategory(parent);
      await repos().categories.save(parent);
      await repos().categories.save(child);
      await expect(repos().categories.delete(parent.id)).rejects.toThrow();
      expect(await repos().categories.findById(parent.id)).toEqual(parent);
    });
  });
}

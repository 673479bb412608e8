import type { Category, CategoryRepository } from "@emporium/domain";
import { copy } from "./memory-state.js";
import type { StateAccess } from "./memory-store.js";

export class InMemoryCategoryRepository implements CategoryRepository {
  constructor(private readonly access: StateAccess) {}

  /** By path, so every parent comes before its children. */
  async findAll(): Promise<Category[]> {
    return [...this.access.read().categories.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map(copy);
  }

  async findById(id: string): Promise<Category | null> {
    const category = this.access.read().categories.get(id);
    return category === undefined ? null : copy(category);
  }

  async findManyByIds(ids: readonly string[]): Promise<Category[]> {
    const { categories } = this.access.read();
    return [...new Set(ids)].flatMap((id) => {
      const category = categories.get(id);
      return category === undefined ? [] : [copy(category)];
    });
  }

  async findBySlug(slug: string): Promise<Category | null> {
    return this.findWhere((c) => c.slug === slug);
  }

  async findByPath(path: string): Promise<Category | null> {
    return this.findWhere((c) => c.path === path);
  }

  async save(category: Category): Promise<void> {
    await this.access.write((state) => {
      for (const other of state.categories.values()) {
        if (other.id === category.id) continue;
        if (other.path === category.path) throw new Error(`unique constraint: category path ${category.path} is taken`);
        if (other.slug === category.slug) throw new Error(`unique constraint: category slug ${category.slug} is taken`);
      }
      if (category.parentId !== null && !state.categories.has(category.parentId)) {
        throw new Error(`foreign key: parent category ${category.parentId} does not exist`);
      }
      state.categories.set(category.id, copy(category));
    });
  }

  async delete(id: string): Promise<void> {
    await this.access.write((state) => {
      if ([...state.categories.values()].some((c) => c.parentId === id)) {
        throw new Error(`foreign key: category ${id} still has children; move or delete them first`);
      }
      state.categories.delete(id);
      for (const product of state.products.values()) {
        if (product.categoryIds.includes(id)) {
          state.products.set(product.id, { ...product, categoryIds: product.categoryIds.filter((c) => c !== id) });
        }
      }
    });
  }

  private async findWhere(predicate: (category: Category) => boolean): Promise<Category | null> {
    const category = [...this.access.read().categories.values()].find(predicate);
    return category === undefined ? null : copy(category);
  }
}

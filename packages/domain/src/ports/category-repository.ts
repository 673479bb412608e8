import type { Category } from "../catalog/category.js";

export interface CategoryRepository {
  findAll(): Promise<Category[]>;
  findById(id: string): Promise<Category | null>;
  /** In the order of `ids`, each once; unknown ids are left out. */
  findManyByIds(ids: readonly string[]): Promise<Category[]>;
  findBySlug(slug: string): Promise<Category | null>;
  findByPath(path: string): Promise<Category | null>;
  save(category: Category): Promise<void>;
  /** Deletes a category with no children; products lose the link. */
  delete(id: string): Promise<void>;
}

import { childPath, slugify } from "../catalog/catalog-rules.js";
import type { Category } from "../catalog/category.js";
import type { Repositories } from "../ports/unit-of-work.js";
import type { AppDeps } from "./context.js";

/**
 * Finds categories by their path of names (`["Apparel", "Tops"]`, matched case-insensitively
 * level by level) and creates the missing ones. Slugs are unique across the tree, so a new
 * category whose slug is taken elsewhere gets its parent's slug in front (`kids-tops`), then a number.
 */
export class CategoryPathResolver {
  /** Categories this resolver created, parents first. */
  readonly created: Category[] = [];

  private constructor(
    private readonly tx: Pick<Repositories, "categories">,
    private readonly deps: Pick<AppDeps, "ids">,
    private readonly categories: Category[],
  ) {}

  static async load(tx: Pick<Repositories, "categories">, deps: Pick<AppDeps, "ids">): Promise<CategoryPathResolver> {
    return new CategoryPathResolver(tx, deps, await tx.categories.findAll());
  }

  /** Whether a category with this id exists (loaded or created by this resolver). */
  has(id: string): boolean {
    return this.categories.some((c) => c.id === id);
  }

  /** Why `names` cannot name a category, or null when it can (found or to be created). */
  problem(names: readonly string[]): string | null {
    if (names.length === 0) return "a category path must name at least one category";
    const bad = names.find((name) => slugify(name) === "");
    return bad === undefined ? null : `category name ${JSON.stringify(bad)} has no letters or digits`;
  }

  /** The id of the category at the end of `names` (which must have no `problem`), creating what is missing. */
  async resolve(names: readonly string[]): Promise<string> {
    let parent: Category | null = null;
    for (const raw of names) parent = await this.child(parent, raw.trim());
    if (parent === null) throw new Error("cannot resolve an empty category path");
    return parent.id;
  }

  private async child(parent: Category | null, name: string): Promise<Category> {
    const parentId = parent?.id ?? null;
    const existing = this.categories.find((c) => c.parentId === parentId && c.name.toLowerCase() === name.toLowerCase());
    return existing ?? this.create(name, parent);
  }

  private async create(name: string, parent: Category | null): Promise<Category> {
    const slug = this.freeSlug(slugify(name), parent);
    const category: Category = {
      id: this.deps.ids.next(),
      slug,
      name,
      parentId: parent?.id ?? null,
      path: childPath(parent?.path ?? null, slug),
      position: 0,
      attributeDefinitions: [],
    };
    await this.tx.categories.save(category);
    this.categories.push(category);
    this.created.push(category);
    return category;
  }

  private freeSlug(base: string, parent: Category | null): string {
    const taken = (slug: string): boolean => this.categories.some((c) => c.slug === slug);
    if (!taken(base)) return base;
    const prefixed = parent === null ? base : `${parent.slug}-${base}`;
    if (!taken(prefixed)) return prefixed;
    for (let n = 2; ; n++) if (!taken(`${prefixed}-${n}`)) return `${prefixed}-${n}`;
  }
}

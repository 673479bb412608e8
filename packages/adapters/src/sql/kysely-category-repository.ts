import type { Kysely, Selectable } from "kysely";
import type { AttributeDefinition, Category, CategoryRepository } from "@emporium/domain";
import { fromJson, json } from "./codec.js";
import type { CategoriesTable, Database } from "./database.js";

export class KyselyCategoryRepository implements CategoryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** By path, so every parent comes before its children. */
  async findAll(): Promise<Category[]> {
    const rows = await this.db.selectFrom("categories").selectAll().execute();
    // Sorted here rather than in SQL: the order must not depend on the database's collation.
    return rows.map(toCategory).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async findById(id: string): Promise<Category | null> {
    return this.findOne("id", id);
  }

  async findManyByIds(ids: readonly string[]): Promise<Category[]> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return [];
    const rows = await this.db.selectFrom("categories").selectAll().where("id", "in", wanted).execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return wanted.flatMap((id) => {
      const row = byId.get(id);
      return row === undefined ? [] : [toCategory(row)];
    });
  }

  async findBySlug(slug: string): Promise<Category | null> {
    return this.findOne("slug", slug);
  }

  async findByPath(path: string): Promise<Category | null> {
    return this.findOne("path", path);
  }

  async save(category: Category): Promise<void> {
    const row = {
      slug: category.slug,
      name: category.name,
      parent_id: category.parentId,
      path: category.path,
      position: category.position,
      attribute_definitions: json(category.attributeDefinitions),
    };
    await this.db
      .insertInto("categories")
      .values({ id: category.id, ...row })
      .onConflict((oc) => oc.column("id").doUpdateSet(row))
      .execute();
  }

  /** Product links go with it (ON DELETE CASCADE); a category with children is refused by the foreign key. */
  async delete(id: string): Promise<void> {
    await this.db.deleteFrom("categories").where("id", "=", id).execute();
  }

  private async findOne(column: "id" | "slug" | "path", value: string): Promise<Category | null> {
    const row = await this.db.selectFrom("categories").selectAll().where(column, "=", value).executeTakeFirst();
    return row === undefined ? null : toCategory(row);
  }
}

function toCategory(row: Selectable<CategoriesTable>): Category {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    parentId: row.parent_id,
    path: row.path,
    position: row.position,
    attributeDefinitions: fromJson<AttributeDefinition[]>(row.attribute_definitions),
  };
}

import { sql, type Kysely, type Migration } from "kysely";
import type { SqlDialect } from "../database.js";
import { columnTypes } from "./column-types.js";

/** Categories, products, variants and the links between them. */
export const catalog = (dialect: SqlDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("categories")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("slug", "text", (c) => c.notNull().unique())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("parent_id", "text", (c) => c.references("categories.id"))
      .addColumn("path", "text", (c) => c.notNull().unique())
      .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("attribute_definitions", t.json, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("categories_parent").on("categories").columns(["parent_id", "position"]).execute();

    await db.schema
      .createTable("products")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("slug", "text", (c) => c.notNull().unique())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull())
      .addColumn("brand", "text")
      .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft', 'active', 'archived')`))
      .addColumn("featured", t.flag, (c) => c.notNull())
      .addColumn("tax_class", "text", (c) => c.notNull())
      .addColumn("images", t.json, (c) => c.notNull())
      .addColumn("attributes", t.json, (c) => c.notNull())
      .addColumn("min_price", "bigint", (c) => c.notNull().check(sql`min_price >= 0`))
      .addColumn("max_price", "bigint", (c) => c.notNull().check(sql`max_price >= min_price`))
      .addColumn("rating_average", t.real, (c) => c.notNull().check(sql`rating_average >= 0 and rating_average <= 5`))
      .addColumn("rating_count", "integer", (c) => c.notNull().check(sql`rating_count >= 0`))
      .addColumn("created_at", t.timestamp, (c) => c.notNull())
      .addColumn("updated_at", t.timestamp, (c) => c.notNull())
      .execute();
    // Keyset pages: (status, sort key, id). Names sort case-insensitively.
    await db.schema
      .createIndex("products_status_name")
      .on("products")
      .expression(sql`status, lower(name), id`)
      .execute();
    await db.schema.createIndex("products_status_created").on("products").columns(["status", "created_at", "id"]).execute();
    await db.schema.createIndex("products_status_price").on("products").columns(["status", "min_price", "id"]).execute();
    await db.schema.createIndex("products_brand").on("products").columns(["brand", "status"]).execute();

    await db.schema
      .createTable("variants")
      .addColumn("sku", "text", (c) => c.primaryKey())
      .addColumn("product_id", "text", (c) => c.notNull().references("products.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("options", t.json, (c) => c.notNull())
      .addColumn("price", "bigint", (c) => c.notNull().check(sql`price >= 0`))
      .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('active', 'archived')`))
      .addColumn("low_stock_threshold", "integer", (c) => c.notNull().check(sql`low_stock_threshold >= 0`))
      .execute();
    await db.schema.createIndex("variants_product").on("variants").columns(["product_id", "position"]).execute();

    await db.schema
      .createTable("product_categories")
      .addColumn("product_id", "text", (c) => c.notNull().references("products.id").onDelete("cascade"))
      .addColumn("category_id", "text", (c) => c.notNull().references("categories.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull().check(sql`position >= 0`))
      .addPrimaryKeyConstraint("product_categories_pk", ["product_id", "category_id"])
      .execute();
    // (category, status): the category filter walks this index, then products(status, …).
    await db.schema.createIndex("product_categories_category").on("product_categories").columns(["category_id", "product_id"]).execute();

    await db.schema
      .createTable("related_products")
      .addColumn("product_id", "text", (c) => c.notNull().references("products.id").onDelete("cascade"))
      .addColumn("related_id", "text", (c) => c.notNull().references("products.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("related_products_pk", ["product_id", "related_id"])
      .addCheckConstraint("related_products_not_self", sql`product_id <> related_id`)
      .execute();
  },

  async down(db: Kysely<unknown>) {
    for (const table of ["related_products", "product_categories", "variants", "products", "categories"]) {
      await db.schema.dropTable(table).execute();
    }
  },
});

import type { Kysely, Selectable } from "kysely";
import type { Product, ProductStatus, Variant, VariantStatus } from "@emporium/domain";
import { fromFlag, fromJson, toDate } from "./codec.js";
import type { Database, ProductsTable } from "./database.js";
import { groupBy } from "./group-by.js";

export type ProductRow = Selectable<ProductsTable>;

/**
 * Turns product rows into products, loading the variants, categories and related products of
 * all of them with one query each (no query per product). Keeps the order of `rows`.
 */
export async function loadProducts(db: Kysely<Database>, rows: readonly ProductRow[]): Promise<Product[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [variants, categories, related] = await Promise.all([
    db.selectFrom("variants").selectAll().where("product_id", "in", ids).orderBy("product_id").orderBy("position").execute(),
    db.selectFrom("product_categories").selectAll().where("product_id", "in", ids).orderBy("product_id").orderBy("position").execute(),
    db.selectFrom("related_products").selectAll().where("product_id", "in", ids).orderBy("product_id").orderBy("position").execute(),
  ]);
  const variantsOf = groupBy(
    variants,
    (v) => v.product_id,
    (v): Variant => ({
      sku: v.sku,
      options: fromJson<Record<string, string>>(v.options),
      price: v.price,
      status: v.status as VariantStatus,
      lowStockThreshold: v.low_stock_threshold,
    }),
  );
  const categoriesOf = groupBy(
    categories,
    (c) => c.product_id,
    (c) => c.category_id,
  );
  const relatedOf = groupBy(
    related,
    (r) => r.product_id,
    (r) => r.related_id,
  );
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    brand: row.brand,
    status: row.status as ProductStatus,
    featured: fromFlag(row.featured),
    taxClass: row.tax_class,
    categoryIds: categoriesOf.get(row.id) ?? [],
    images: fromJson<string[]>(row.images),
    attributes: fromJson<Record<string, string>>(row.attributes),
    variants: variantsOf.get(row.id) ?? [],
    rating: { average: row.rating_average, count: row.rating_count },
    relatedProductIds: relatedOf.get(row.id) ?? [],
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  }));
}

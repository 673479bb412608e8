import { sql, type RawBuilder } from "kysely";
import type { SearchQuery } from "@emporium/domain";
import type { SqliteSearchTables } from "./sqlite-search-tables.js";

/**
 * The filters of a query as one SQL condition on `d` (the documents table).
 * Option filters, the price range and `inStock: true` must all hold for one
 * and the same variant — "size M in blue under 50" means a variant that is
 * M, blue and under 50 — with product attributes holding for every variant.
 */
export function searchFilters(query: SearchQuery, t: SqliteSearchTables): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [];
  if (query.brand !== undefined && query.brand !== "") conditions.push(sql`d.brand = ${query.brand}`);
  const path = query.categoryPath?.replace(/^\/+|\/+$/g, "");
  if (path !== undefined && path !== "") {
    conditions.push(sql`EXISTS (
      SELECT 1 FROM ${sql.table(t.categories)} AS c
      WHERE c.product_id = d.product_id AND (c.path = ${path} OR substr(c.path, 1, ${path.length + 1}) = ${`${path}/`})
    )`);
  }
  if (query.inStock === false) conditions.push(sql`d.in_stock = 0`);

  const variantConditions: RawBuilder<unknown>[] = [];
  if (query.minPrice !== undefined) variantConditions.push(sql`v.price >= ${query.minPrice}`);
  if (query.maxPrice !== undefined) variantConditions.push(sql`v.price <= ${query.maxPrice}`);
  if (query.inStock === true) variantConditions.push(sql`v.in_stock = 1`);
  for (const [name, value] of Object.entries(query.attributes ?? {})) {
    variantConditions.push(sql`EXISTS (
      SELECT 1 FROM ${sql.table(t.attributes)} AS a
      WHERE a.product_id = d.product_id AND a.sku IN ('', v.sku) AND a.name = ${name} AND a.value = ${value}
    )`);
  }
  if (variantConditions.length > 0) {
    conditions.push(sql`EXISTS (
      SELECT 1 FROM ${sql.table(t.variants)} AS v
      WHERE v.product_id = d.product_id AND ${sql.join(variantConditions, sql` AND `)}
    )`);
  }
  return conditions.length === 0 ? sql`1 = 1` : sql.join(conditions, sql` AND `);
}

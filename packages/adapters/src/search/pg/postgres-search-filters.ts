import { sql, type RawBuilder } from "kysely";
import type { SearchQuery } from "@emporium/domain";
import { optionKey } from "./postgres-option-keys.js";
import type { PostgresSearchTables } from "./postgres-search-tables.js";

/**
 * The filters of a query as one SQL condition on `d` (the documents table),
 * with the SQLite adapter's meaning: option filters, the price range and
 * `inStock: true` must all hold for one and the same variant (whose `options`
 * include the product's attributes), and names, values and brands match
 * without regard to case.
 */
export function searchFilters(query: SearchQuery, t: PostgresSearchTables): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [];
  if (query.brand !== undefined && query.brand !== "") conditions.push(sql`d.brand_key = ${query.brand.toLowerCase()}`);
  const path = query.categoryPath?.replace(/^\/+|\/+$/g, "");
  if (path !== undefined && path !== "") {
    conditions.push(sql`d.category_paths @> ARRAY[${path}]::text[]`);
  }
  if (query.inStock === false) conditions.push(sql`NOT d.in_stock`);

  const variantConditions: RawBuilder<unknown>[] = [];
  if (query.minPrice !== undefined) variantConditions.push(sql`v.price >= ${query.minPrice}`);
  if (query.maxPrice !== undefined) variantConditions.push(sql`v.price <= ${query.maxPrice}`);
  if (query.inStock === true) variantConditions.push(sql`v.in_stock`);
  const options = Object.entries(query.attributes ?? {}).map(([name, value]) => optionKey(name, value));
  if (options.length > 0) variantConditions.push(sql`v.options @> ${options}::text[]`);
  if (variantConditions.length > 0) {
    conditions.push(sql`EXISTS (
      SELECT 1 FROM ${sql.id(t.variants)} AS v
      WHERE v.product_id = d.product_id AND ${sql.join(variantConditions, sql` AND `)}
    )`);
  }
  return conditions.length === 0 ? sql`TRUE` : sql.join(conditions, sql` AND `);
}

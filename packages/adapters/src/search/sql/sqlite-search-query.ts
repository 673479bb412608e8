import { sql, type RawBuilder } from "kysely";
import type { FacetValue, SearchQuery, SearchResult, SearchSort } from "@emporium/domain";
import { PRICE_BUCKETS } from "../price-buckets.js";
import { searchFilters } from "./sqlite-search-filters.js";
import type { SearchDatabase, SqliteSearchTables } from "./sqlite-search-tables.js";

/** bm25 weight of each FTS column, in table order: name, brand, categories, attributes, description. */
const COLUMN_WEIGHTS = [10, 5, 3, 2, 1] as const;

const ORDER: Record<SearchSort, RawBuilder<unknown>> = {
  relevance: sql`score DESC, product_id`,
  price_asc: sql`min_price ASC, score DESC, product_id`,
  price_desc: sql`max_price DESC, score DESC, product_id`,
  rating: sql`rating DESC, score DESC, product_id`,
  popular: sql`sales_count DESC, score DESC, product_id`,
  newest: sql`created_at DESC, score DESC, product_id`,
};

/** The page of hits, as a JSON array of [product id, score] in the asked order. */
interface HitsRow {
  kind: "hits";
  brand: string;
}

/** Matched documents counted by every combination of their document-level facet values. */
interface SummaryRow {
  kind: "summary";
  brand: string | null;
  category: string | null;
  bucket: number;
  in_stock: number;
  count: number;
}

/** Attribute counts share the union's columns: the attribute name comes in `brand`, its value in `category`. */
interface AttributeRow {
  kind: "attribute";
  brand: string;
  category: string;
  count: number;
}

type ResultRow = HitsRow | SummaryRow | AttributeRow;

/**
 * Runs one search over the tables `t` as a single statement — a page of hits in the asked
 * order, the total and the facets of the whole match — so the matched set is found and
 * scored once, and hits and facets come from one snapshot even while a reindex swaps the tables.
 */
export async function runSearch(
  db: SearchDatabase,
  t: SqliteSearchTables,
  query: SearchQuery,
  match: string | null,
): Promise<SearchResult> {
  const limit = Math.max(1, Math.floor(query.limit));
  const offset = (Math.max(1, Math.floor(query.page)) - 1) * limit;
  const order = ORDER[query.sort ?? "relevance"];
  const bucket = sql.join(
    PRICE_BUCKETS.flatMap((range, index) => (range.to === null ? [] : [sql`WHEN min_price < ${sql.lit(range.to)} THEN ${sql.lit(index)}`])),
    sql` `,
  );
  const { rows } = await sql<ResultRow>`
    WITH matched AS MATERIALIZED (${matchedDocuments(t, query, match)})
    SELECT 'hits' AS kind,
      (SELECT json_group_array(json_array(product_id, score) ORDER BY ${order})
        FROM (SELECT * FROM matched ORDER BY ${order} LIMIT ${limit} OFFSET ${offset})) AS brand,
      NULL AS category, NULL AS bucket, NULL AS in_stock, NULL AS count
    UNION ALL
    SELECT 'summary', brand COLLATE BINARY AS brand, primary_category,
      CASE ${bucket} ELSE ${sql.lit(PRICE_BUCKETS.length - 1)} END AS bucket, in_stock, count(*)
    FROM matched
    GROUP BY 2, primary_category, bucket, in_stock
    UNION ALL
    SELECT 'attribute', f.name COLLATE BINARY, f.value COLLATE BINARY, NULL, NULL, count(*)
    FROM matched AS m JOIN ${sql.table(t.facets)} AS f ON f.doc_id = m.doc_id
    GROUP BY 2, 3
  `.execute(db);
  const hitsRow = rows.find((row): row is HitsRow => row.kind === "hits");
  const hits = JSON.parse(hitsRow?.brand ?? "[]") as [string, number][];
  const summary = rows.filter((row): row is SummaryRow => row.kind === "summary").sort((a, b) => byteOrder(a.brand ?? "", b.brand ?? ""));
  const countBy = (key: (row: SummaryRow) => string | null) => {
    const counts = new Map<string, FacetValue>();
    for (const row of summary) {
      const value = key(row);
      if (value === null) continue;
      // SQL groups by exact spelling (much cheaper than without regard to case); brands differing only in case are
      // one group here, named by the first spelling in byte order.
      const id = value.toLowerCase();
      const current = counts.get(id);
      counts.set(id, { value: current?.value ?? value, count: (current?.count ?? 0) + Number(row.count) });
    }
    return sortFacet([...counts.values()]);
  };
  return {
    hits: hits.map(([productId, score]) => ({ productId, score })),
    total: summary.reduce((sum, row) => sum + Number(row.count), 0),
    facets: {
      category: countBy((row) => row.category),
      brand: countBy((row) => row.brand),
      price: PRICE_BUCKETS.map((range, index) => ({
        ...range,
        count: summary.filter((row) => row.bucket === index).reduce((sum, row) => sum + Number(row.count), 0),
      })),
      inStock: countBy((row) => (row.in_stock === 1 ? "true" : "false")),
      attributes: attributeFacets(rows.filter((row): row is AttributeRow => row.kind === "attribute")),
    },
  };
}

/** The documents a search matches, with their relevance score. */
function matchedDocuments(t: SqliteSearchTables, query: SearchQuery, match: string | null): RawBuilder<unknown> {
  const columns = sql`d.doc_id, d.product_id, d.brand, d.primary_category, d.min_price, d.max_price, d.in_stock, d.rating, d.sales_count, d.created_at`;
  const where = searchFilters(query, t);
  if (match === null) {
    return sql`SELECT ${columns}, d.boost AS score FROM ${sql.table(t.documents)} AS d WHERE ${where}`;
  }
  const fts = sql.table(t.fts);
  const weights = sql.join(COLUMN_WEIGHTS.map((weight) => sql.lit(weight)));
  return sql`
    SELECT ${columns}, -bm25(${fts}, ${weights}) * d.boost AS score
    FROM ${fts} JOIN ${sql.table(t.documents)} AS d ON d.doc_id = ${fts}.rowid
    WHERE ${fts} MATCH ${match} AND ${where}
  `;
}

/**
 * Counts per attribute name and value. SQL groups by exact spelling (much cheaper than without regard to
 * case); spellings that differ only in case are one value here, named by the first in byte order.
 */
function attributeFacets(rows: readonly AttributeRow[]): Record<string, FacetValue[]> {
  const byName = new Map<string, { name: string; values: Map<string, FacetValue> }>();
  for (const row of [...rows].sort((a, b) => byteOrder(a.brand, b.brand) || byteOrder(a.category, b.category))) {
    const name = String(row.brand);
    const value = String(row.category);
    const group = byName.get(name.toLowerCase()) ?? { name, values: new Map<string, FacetValue>() };
    const current = group.values.get(value.toLowerCase());
    group.values.set(value.toLowerCase(), { value: current?.value ?? value, count: (current?.count ?? 0) + Number(row.count) });
    byName.set(name.toLowerCase(), group);
  }
  return Object.fromEntries([...byName.values()].map(({ name, values }) => [name, sortFacet([...values.values()])]));
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortFacet(list: FacetValue[]): FacetValue[] {
  return list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

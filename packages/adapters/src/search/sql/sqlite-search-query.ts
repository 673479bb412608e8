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

type FacetRow = SummaryRow | AttributeRow;

/** Runs one search over the tables `t`: a page of hits in the asked order, the total and the facets of the whole match. */
export async function runSearch(
  db: SearchDatabase,
  t: SqliteSearchTables,
  query: SearchQuery,
  match: string | null,
): Promise<SearchResult> {
  const matched = matchedDocuments(t, query, match, true);
  const limit = Math.max(1, Math.floor(query.limit));
  const offset = (Math.max(1, Math.floor(query.page)) - 1) * limit;
  const hits = await sql<{ product_id: string; score: number }>`
    SELECT product_id, score FROM (${matched})
    ORDER BY ${ORDER[query.sort ?? "relevance"]}
    LIMIT ${limit} OFFSET ${offset}
  `.execute(db);
  const rows = await facetRows(db, t, matchedDocuments(t, query, match, false));
  const summary = rows.filter((row): row is SummaryRow => row.kind === "summary");
  const countBy = (key: (row: SummaryRow) => string | null) => {
    const counts = new Map<string, FacetValue>();
    for (const row of summary) {
      const value = key(row);
      if (value === null) continue;
      // Brands group without regard to case in SQL; the first spelling seen names the group.
      const id = value.toLowerCase();
      const current = counts.get(id);
      counts.set(id, { value: current?.value ?? value, count: (current?.count ?? 0) + Number(row.count) });
    }
    return sortFacet([...counts.values()]);
  };
  return {
    hits: hits.rows.map((row) => ({ productId: row.product_id, score: row.score })),
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

/**
 * The documents a search matches. `scored` adds the relevance score; the facets count the same
 * set without it, which spares computing bm25 for every match (a tenth of the facet query).
 */
function matchedDocuments(t: SqliteSearchTables, query: SearchQuery, match: string | null, scored: boolean): RawBuilder<unknown> {
  const columns = sql`d.doc_id, d.product_id, d.brand, d.primary_category, d.min_price, d.max_price, d.in_stock, d.rating, d.sales_count, d.created_at`;
  const where = searchFilters(query, t);
  if (match === null) {
    return sql`SELECT ${columns}${scored ? sql`, d.boost AS score` : sql``} FROM ${sql.table(t.documents)} AS d WHERE ${where}`;
  }
  const fts = sql.table(t.fts);
  const weights = sql.join(COLUMN_WEIGHTS.map((weight) => sql.lit(weight)));
  const score = scored ? sql`, -bm25(${fts}, ${weights}) * d.boost AS score` : sql``;
  return sql`
    SELECT ${columns}${score}
    FROM ${fts} JOIN ${sql.table(t.documents)} AS d ON d.doc_id = ${fts}.rowid
    WHERE ${fts} MATCH ${match} AND ${where}
  `;
}

async function facetRows(db: SearchDatabase, t: SqliteSearchTables, matched: RawBuilder<unknown>): Promise<FacetRow[]> {
  const bucket = sql.join(
    PRICE_BUCKETS.flatMap((range, index) => (range.to === null ? [] : [sql`WHEN min_price < ${sql.lit(range.to)} THEN ${sql.lit(index)}`])),
    sql` `,
  );
  // One pass for the document-level facets, one join for attributes; the matched set is computed once.
  const result = await sql<FacetRow>`
    WITH matched AS MATERIALIZED (${matched})
    SELECT 'summary' AS kind, brand, primary_category AS category,
      CASE ${bucket} ELSE ${sql.lit(PRICE_BUCKETS.length - 1)} END AS bucket, in_stock, count(*) AS count
    FROM matched
    GROUP BY brand, primary_category, bucket, in_stock
    UNION ALL
    SELECT 'attribute', f.name, f.value, NULL, NULL, count(*)
    FROM matched AS m JOIN ${sql.table(t.facets)} AS f ON f.doc_id = m.doc_id
    GROUP BY f.name, f.value
  `.execute(db);
  return result.rows;
}

function attributeFacets(rows: readonly AttributeRow[]): Record<string, FacetValue[]> {
  const byName = new Map<string, FacetValue[]>();
  for (const row of rows) {
    const list = byName.get(row.brand) ?? [];
    list.push({ value: String(row.category), count: Number(row.count) });
    byName.set(row.brand, list);
  }
  return Object.fromEntries([...byName].map(([name, list]) => [name, sortFacet(list)]));
}

function sortFacet(list: FacetValue[]): FacetValue[] {
  return list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

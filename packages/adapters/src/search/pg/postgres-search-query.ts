import { sql, type RawBuilder } from "kysely";
import type { FacetValue, SearchQuery, SearchResult, SearchSort } from "@emporium/domain";
import { PRICE_BUCKETS } from "../price-buckets.js";
import type { SearchDatabase } from "../sql/sqlite-search-tables.js";
import { parseFacetLabel } from "./postgres-option-keys.js";
import { searchFilters } from "./postgres-search-filters.js";
import type { PostgresSearchTables } from "./postgres-search-tables.js";

/**
 * ts_rank weights in its order {D, C, B, A}: description and attributes,
 * categories, brand, name — the proportions of the SQLite adapter's bm25 column weights.
 */
const RANK_WEIGHTS = sql.lit("{0.1, 0.3, 0.5, 1.0}");
/** ts_rank normalisation 1: divide by 1 + log(length), so a word in a short document counts for more, as bm25 does. */
const RANK_NORMALISATION = sql.lit(1);

// Ties break on the product id, stored in the "C" collation (byte order, as SQLite orders text), so both adapters page alike.
const ORDER: Record<SearchSort, RawBuilder<unknown>> = {
  relevance: sql`score DESC, product_id`,
  price_asc: sql`min_price ASC, score DESC, product_id`,
  price_desc: sql`max_price DESC, score DESC, product_id`,
  rating: sql`rating DESC, score DESC, product_id`,
  popular: sql`sales_count DESC, score DESC, product_id`,
  newest: sql`created_at DESC, score DESC, product_id`,
};

interface SummaryRow {
  brand: string | null;
  category: string | null;
  bucket: number;
  in_stock: boolean;
  count: number;
}

interface AttributeRow {
  label: string;
  count: number;
}

interface SearchRow {
  hits: [string, number][];
  summary: SummaryRow[];
  attributes: AttributeRow[];
}

/**
 * Runs one search over the tables `t` as a single statement — a page of hits
 * in the asked order and the facets of the whole match — so both come from one
 * snapshot even while a reindex swaps the tables.
 */
export async function runSearch(
  db: SearchDatabase,
  t: PostgresSearchTables,
  query: SearchQuery,
  tsquery: string | null,
): Promise<SearchResult> {
  const limit = Math.max(1, Math.floor(query.limit));
  const offset = (Math.max(1, Math.floor(query.page)) - 1) * limit;
  const order = ORDER[query.sort ?? "relevance"];
  const bucket = sql.join(
    PRICE_BUCKETS.flatMap((range, index) => (range.to === null ? [] : [sql`WHEN min_price < ${sql.lit(range.to)} THEN ${sql.lit(index)}`])),
    sql` `,
  );
  const { rows } = await sql<SearchRow>`
    WITH matched AS MATERIALIZED (${matchedDocuments(t, query, tsquery)})
    SELECT
      (SELECT coalesce(json_agg(json_build_array(product_id, score) ORDER BY ${order}), '[]'::json)
        FROM (SELECT * FROM matched ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}) AS page) AS hits,
      (SELECT coalesce(json_agg(s), '[]'::json) FROM (
        SELECT brand, primary_category AS category, CASE ${bucket} ELSE ${sql.lit(PRICE_BUCKETS.length - 1)} END AS bucket,
          in_stock, count(*) AS count
        FROM matched GROUP BY 1, 2, 3, 4
      ) AS s) AS summary,
      (SELECT coalesce(json_agg(a), '[]'::json) FROM (
        SELECT label, count(*) AS count FROM (SELECT unnest(facets) AS label FROM matched) AS u GROUP BY label
      ) AS a) AS attributes
  `.execute(db);
  const { hits, summary, attributes } = rows[0] as SearchRow;
  const countBy = (key: (row: SummaryRow) => string | null) => {
    const counts = new Map<string, FacetValue>();
    for (const row of summary) {
      const value = key(row);
      if (value === null) continue;
      // Brands group without regard to case; the first spelling seen names the group.
      const id = value.toLowerCase();
      const current = counts.get(id);
      counts.set(id, { value: current?.value ?? value, count: (current?.count ?? 0) + Number(row.count) });
    }
    return sortFacet([...counts.values()]);
  };
  return {
    hits: hits.map(([productId, score]) => ({ productId, score: Number(score) })),
    total: summary.reduce((sum, row) => sum + Number(row.count), 0),
    facets: {
      category: countBy((row) => row.category),
      brand: countBy((row) => row.brand),
      price: PRICE_BUCKETS.map((range, index) => ({
        ...range,
        count: summary.filter((row) => row.bucket === index).reduce((sum, row) => sum + Number(row.count), 0),
      })),
      inStock: countBy((row) => String(row.in_stock)),
      attributes: attributeFacets(attributes),
    },
  };
}

function matchedDocuments(t: PostgresSearchTables, query: SearchQuery, tsquery: string | null): RawBuilder<unknown> {
  const columns = sql`d.product_id, d.brand, d.primary_category, d.min_price, d.max_price, d.in_stock, d.rating, d.sales_count, d.created_at, d.facets`;
  const where = searchFilters(query, t);
  if (tsquery === null) return sql`SELECT ${columns}, d.boost AS score FROM ${sql.id(t.documents)} AS d WHERE ${where}`;
  return sql`
    SELECT ${columns}, ts_rank(${RANK_WEIGHTS}, d.tsv, q.query, ${RANK_NORMALISATION}) * d.boost AS score
    FROM ${sql.id(t.documents)} AS d, to_tsquery('simple', ${tsquery}) AS q(query)
    WHERE d.tsv @@ q.query AND ${where}
  `;
}

/** Counts per attribute name and value; spellings that differ only in case are one value, named by the first in byte order. */
function attributeFacets(rows: readonly AttributeRow[]): Record<string, FacetValue[]> {
  const byName = new Map<string, { name: string; values: Map<string, FacetValue> }>();
  for (const row of [...rows].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))) {
    const { name, value } = parseFacetLabel(row.label);
    const group = byName.get(name.toLowerCase()) ?? { name, values: new Map<string, FacetValue>() };
    const current = group.values.get(value.toLowerCase());
    group.values.set(value.toLowerCase(), { value: current?.value ?? value, count: (current?.count ?? 0) + Number(row.count) });
    byName.set(name.toLowerCase(), group);
  }
  return Object.fromEntries([...byName.values()].map(({ name, values }) => [name, sortFacet([...values.values()])]));
}

function sortFacet(list: FacetValue[]): FacetValue[] {
  return list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

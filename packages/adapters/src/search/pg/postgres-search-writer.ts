import { sql } from "kysely";
import type { SearchDocument } from "@emporium/domain";
import { documentFacetValues } from "../document-facets.js";
import { documentTerms, documentText } from "../document-text.js";
import { relevanceBoost } from "../relevance-boost.js";
import type { SearchDatabase } from "../sql/sqlite-search-tables.js";
import { tokenize } from "../tokenize.js";
import { facetLabel, optionKey } from "./postgres-option-keys.js";
import type { PostgresSearchTables } from "./postgres-search-tables.js";

// Rows per multi-row insert: the widest row has 19 columns, well under PostgreSQL's 65,535 parameters.
const CHUNK = 500;

/** Inserts or replaces documents in one set of search tables. Run it inside a transaction that holds the write lock. */
export async function writeSearchDocuments(
  db: SearchDatabase,
  t: PostgresSearchTables,
  documents: readonly SearchDocument[],
): Promise<void> {
  const latest = [...new Map(documents.map((document) => [document.productId, document])).values()].sort((a, b) =>
    a.productId < b.productId ? -1 : 1,
  );
  if (latest.length === 0) return;
  const deltas = await forgetDocuments(
    db,
    t,
    latest.map((document) => document.productId),
  );
  const termsByProduct = new Map(latest.map((document) => [document.productId, [...documentTerms(document)]]));
  for (const terms of termsByProduct.values()) for (const term of terms) addDelta(deltas, term, 1);

  await insertAll(
    db,
    t.documents,
    latest.map((document) => documentRow(document, termsByProduct.get(document.productId) ?? [])),
  );
  await insertAll(db, t.variants, latest.flatMap(variantRows));
  await applyTermDeltas(db, t, deltas);
}

/** Removes documents from one set of search tables. Run it inside a transaction that holds the write lock. */
export async function removeSearchDocuments(db: SearchDatabase, t: PostgresSearchTables, productIds: readonly string[]): Promise<void> {
  if (productIds.length === 0) return;
  await applyTermDeltas(db, t, await forgetDocuments(db, t, [...new Set(productIds)].sort()));
}

/** Deletes every row of these products and returns the vocabulary counts to take back. */
async function forgetDocuments(db: SearchDatabase, t: PostgresSearchTables, productIds: readonly string[]): Promise<Map<string, number>> {
  const deltas = new Map<string, number>();
  const { rows } = await sql<{ terms: string[] }>`
    DELETE FROM ${sql.id(t.documents)} WHERE product_id = ANY(${productIds}::text[]) RETURNING terms
  `.execute(db);
  for (const row of rows) for (const term of row.terms) addDelta(deltas, term, -1);
  await sql`DELETE FROM ${sql.id(t.variants)} WHERE product_id = ANY(${productIds}::text[])`.execute(db);
  return deltas;
}

/** Keeps `doc_count` per vocabulary word, in word order so concurrent writers cannot deadlock; unused words leave. */
async function applyTermDeltas(db: SearchDatabase, t: PostgresSearchTables, deltas: Map<string, number>): Promise<void> {
  const changed = [...deltas].filter(([, delta]) => delta !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
  if (changed.length === 0) return;
  const terms = changed.map(([term]) => term);
  const table = sql.id(t.terms);
  await sql`
    INSERT INTO ${table} (term, doc_count)
    SELECT * FROM unnest(${terms}::text[], ${changed.map(([, delta]) => delta)}::integer[])
    ON CONFLICT (term) DO UPDATE SET doc_count = ${table}.doc_count + excluded.doc_count
  `.execute(db);
  await sql`DELETE FROM ${table} WHERE term = ANY(${terms}::text[]) AND doc_count <= 0`.execute(db);
}

function documentRow(document: SearchDocument, terms: readonly string[]) {
  const text = documentText(document);
  const words = (value: string) => tokenize(value).join(" ");
  return {
    product_id: document.productId,
    name: document.name,
    brand: document.brand,
    brand_key: document.brand?.toLowerCase() ?? null,
    primary_category: document.categoryPaths[0] === undefined ? null : trimSlashes(document.categoryPaths[0]),
    min_price: document.minPrice,
    max_price: document.maxPrice,
    in_stock: document.inStock,
    featured: document.featured,
    rating: document.rating,
    sales_count: document.salesCount,
    boost: relevanceBoost(document),
    created_at: new Date(document.createdAt).getTime(),
    category_paths: categoryPaths(document),
    facets: documentFacetValues(document).map(({ name, value }) => facetLabel(name, value)),
    terms,
    name_text: words(text.name),
    brand_text: words(text.brand),
    category_text: words(text.categories),
    detail_text: words(`${text.attributes} ${text.description}`),
  };
}

/** Every category path of a document and every ancestor of one: apparel/tops/t-shirts also files under apparel/tops and apparel. */
function categoryPaths(document: SearchDocument): string[] {
  const paths = new Set<string>();
  for (const path of document.categoryPaths) {
    const segments = trimSlashes(path).split("/");
    for (let depth = 1; depth <= segments.length; depth += 1) paths.add(segments.slice(0, depth).join("/"));
  }
  return [...paths].filter((path) => path !== "");
}

/** Each variant with its option values and the product's attributes (they hold for every variant), for filters on one variant. */
function variantRows(document: SearchDocument) {
  const attributes = Object.entries(document.attributes).map(([name, value]) => optionKey(name, value));
  return document.variants.map((variant) => ({
    product_id: document.productId,
    sku: variant.sku,
    price: variant.price,
    in_stock: variant.inStock,
    options: [...new Set([...attributes, ...Object.entries(variant.options).map(([name, value]) => optionKey(name, value))])],
  }));
}

async function insertAll(db: SearchDatabase, table: string, rows: readonly Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

function addDelta(deltas: Map<string, number>, term: string, delta: number): void {
  deltas.set(term, (deltas.get(term) ?? 0) + delta);
}

const trimSlashes = (path: string) => path.replace(/^\/+|\/+$/g, "");

import { sql } from "kysely";
import type { SearchDocument } from "@emporium/domain";
import { chunks } from "../../sql/chunks.js";
import { documentFacetValues } from "../document-facets.js";
import { documentTerms, documentText } from "../document-text.js";
import { relevanceBoost } from "../relevance-boost.js";
import { trigrams } from "../trigrams.js";
import type { SearchDatabase, SqliteSearchTables } from "./sqlite-search-tables.js";

// Rows per multi-row statement, well under SQLite's bound-parameter limit for the widest table.
const CHUNK = 200;

/** Inserts or replaces documents in one set of search tables. Run it inside a transaction. */
export async function writeSearchDocuments(db: SearchDatabase, t: SqliteSearchTables, documents: readonly SearchDocument[]): Promise<void> {
  const latest = [...new Map(documents.map((document) => [document.productId, document])).values()];
  if (latest.length === 0) return;
  const deltas = await forgetDocuments(
    db,
    t,
    latest.map((document) => document.productId),
  );
  for (const document of latest) for (const term of documentTerms(document)) addDelta(deltas, term, 1);

  const docIds = new Map<string, number>();
  for (const rows of chunks(latest.map(documentRow), CHUNK)) {
    const inserted = await db.insertInto(t.documents).values(rows).returning(["doc_id", "product_id"]).execute();
    for (const row of inserted) docIds.set(row.product_id as string, row.doc_id as number);
  }
  await insertAll(
    db,
    t.fts,
    latest.map((document) => ({ rowid: docIds.get(document.productId), ...documentText(document) })),
  );
  await insertAll(db, t.categories, latest.flatMap(categoryRows));
  await insertAll(db, t.variants, latest.flatMap(variantRows));
  await insertAll(db, t.attributes, latest.flatMap(attributeRows), { orIgnore: true });
  await insertAll(
    db,
    t.facets,
    latest.flatMap((document) => facetRows(document, docIds.get(document.productId) as number)),
    { orIgnore: true },
  );
  await applyTermDeltas(db, t, deltas);
}

/** Removes documents from one set of search tables. Run it inside a transaction. */
export async function removeSearchDocuments(db: SearchDatabase, t: SqliteSearchTables, productIds: readonly string[]): Promise<void> {
  if (productIds.length === 0) return;
  await applyTermDeltas(db, t, await forgetDocuments(db, t, [...new Set(productIds)]));
}

/** Deletes every row of these products and returns the vocabulary counts to take back. */
async function forgetDocuments(db: SearchDatabase, t: SqliteSearchTables, productIds: readonly string[]): Promise<Map<string, number>> {
  const deltas = new Map<string, number>();
  for (const ids of chunks(productIds, CHUNK)) {
    const old = await db.selectFrom(t.documents).select(["doc_id", "data"]).where("product_id", "in", ids).execute();
    for (const row of old) {
      for (const term of documentTerms(JSON.parse(row.data as string) as SearchDocument)) addDelta(deltas, term, -1);
    }
    const docIds = old.map((row) => row.doc_id as number);
    if (docIds.length > 0) {
      await db.deleteFrom(t.fts).where("rowid", "in", docIds).execute();
      await db.deleteFrom(t.facets).where("doc_id", "in", docIds).execute();
    }
    for (const table of [t.categories, t.variants, t.attributes, t.documents]) {
      await db.deleteFrom(table).where("product_id", "in", ids).execute();
    }
  }
  return deltas;
}

/** Keeps `doc_count` per vocabulary word; a word enters with its trigrams and leaves when no document uses it. */
async function applyTermDeltas(db: SearchDatabase, t: SqliteSearchTables, deltas: Map<string, number>): Promise<void> {
  const changed = [...deltas].filter(([, delta]) => delta !== 0);
  for (const batch of chunks(changed, CHUNK)) {
    const terms = batch.map(([term]) => term);
    const existing = new Set(
      (await db.selectFrom(t.terms).select("term").where("term", "in", terms).execute()).map((row) => row.term as string),
    );
    await db
      .insertInto(t.terms)
      .values(batch.map(([term, delta]) => ({ term, doc_count: delta, trigram_count: trigrams(term).length })))
      .onConflict((conflict) => conflict.column("term").doUpdateSet({ doc_count: sql`doc_count + excluded.doc_count` }))
      .execute();
    const added = batch.filter(([term, delta]) => delta > 0 && !existing.has(term)).map(([term]) => term);
    await insertAll(
      db,
      t.trigrams,
      added.flatMap((term) => trigrams(term).map((trigram) => ({ trigram, term }))),
      { orIgnore: true },
    );

    const dead = (await db.selectFrom(t.terms).select("term").where("term", "in", terms).where("doc_count", "<=", 0).execute()).map(
      (row) => row.term as string,
    );
    if (dead.length === 0) continue;
    for (const pairs of chunks(
      dead.flatMap((term) => trigrams(term).map((trigram) => [trigram, term] as const)),
      CHUNK,
    )) {
      const values = sql.join(pairs.map(([trigram, term]) => sql`(${trigram}, ${term})`));
      await sql`DELETE FROM ${sql.table(t.trigrams)} WHERE (trigram, term) IN (VALUES ${values})`.execute(db);
    }
    await db.deleteFrom(t.terms).where("term", "in", dead).execute();
  }
}

function documentRow(document: SearchDocument) {
  return {
    product_id: document.productId,
    name: document.name,
    brand: document.brand,
    primary_category: document.categoryPaths[0]?.replace(/^\/+|\/+$/g, "") ?? null,
    min_price: document.minPrice,
    max_price: document.maxPrice,
    in_stock: document.inStock ? 1 : 0,
    featured: document.featured ? 1 : 0,
    rating: document.rating,
    sales_count: document.salesCount,
    boost: relevanceBoost(document),
    created_at: new Date(document.createdAt).getTime(),
    data: JSON.stringify(document),
  };
}

function categoryRows(document: SearchDocument) {
  return document.categoryPaths.map((path, position) => ({
    product_id: document.productId,
    position,
    path: path.replace(/^\/+|\/+$/g, ""),
    name: document.categoryNames[position] ?? path,
  }));
}

function variantRows(document: SearchDocument) {
  return document.variants.map((variant) => ({
    product_id: document.productId,
    sku: variant.sku,
    price: variant.price,
    in_stock: variant.inStock ? 1 : 0,
  }));
}

/** Product attributes under sku "" (they hold for every variant), options under their variant's sku. */
function attributeRows(document: SearchDocument) {
  const row =
    (sku: string) =>
    ([name, value]: [string, string]) => ({ product_id: document.productId, sku, name, value });
  return [
    ...Object.entries(document.attributes).map(row("")),
    ...document.variants.flatMap((variant) => Object.entries(variant.options).map(row(variant.sku))),
  ];
}

function facetRows(document: SearchDocument, docId: number) {
  return documentFacetValues(document).map(({ name, value }) => ({ doc_id: docId, name, value }));
}

async function insertAll(db: SearchDatabase, table: string, rows: readonly Record<string, unknown>[], { orIgnore = false } = {}) {
  for (const batch of chunks(rows, CHUNK)) {
    const insert = db.insertInto(table).values(batch);
    await (orIgnore ? insert.orIgnore() : insert).execute();
  }
}

function addDelta(deltas: Map<string, number>, term: string, delta: number): void {
  deltas.set(term, (deltas.get(term) ?? 0) + delta);
}

import { sql, type Kysely } from "kysely";

/**
 * The search tables are named at run time (the live set or a reindex's shadow
 * set), which Kysely's typed schema cannot express: queries here are untyped
 * and rows are read through explicit conversions.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- table names are chosen at run time
export type SearchDatabase = Kysely<any>;

/** The names of one complete set of search tables; a reindex builds a second set beside the live one. */
export interface SqliteSearchTables {
  readonly documents: string;
  readonly fts: string;
  readonly categories: string;
  readonly variants: string;
  readonly attributes: string;
  readonly facets: string;
  readonly terms: string;
  readonly trigrams: string;
}

const BASE_NAMES: SqliteSearchTables = {
  documents: "search_documents",
  fts: "search_fts",
  categories: "search_categories",
  variants: "search_variants",
  attributes: "search_attributes",
  facets: "search_facets",
  terms: "search_terms",
  trigrams: "search_trigrams",
};

function withSuffix(suffix: string): SqliteSearchTables {
  return Object.fromEntries(Object.entries(BASE_NAMES).map(([role, name]) => [role, `${name}${suffix}`])) as unknown as SqliteSearchTables;
}

export const LIVE_TABLES = withSuffix("");
export const SHADOW_TABLES = withSuffix("__next");

/**
 * Creates a set of search tables if missing. Child tables are WITHOUT ROWID
 * and keyed for their one access path — filters look up by product, facet
 * counts by the matched documents, the vocabulary by word and by trigram —
 * so no secondary index is needed: a renamed table keeps its key,
 * while a named index would keep its old name after the swap of a reindex.
 * `data` comes last so scans of the other columns never read its overflow pages.
 */
export async function createSearchTables(db: SearchDatabase, t: SqliteSearchTables): Promise<void> {
  const statements = [
    sql`CREATE TABLE IF NOT EXISTS ${sql.table(t.documents)} (
      doc_id INTEGER PRIMARY KEY,
      product_id TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      brand TEXT COLLATE NOCASE,
      primary_category TEXT,
      min_price INTEGER NOT NULL,
      max_price INTEGER NOT NULL,
      in_stock INTEGER NOT NULL,
      featured INTEGER NOT NULL,
      rating REAL NOT NULL,
      sales_count INTEGER NOT NULL,
      boost REAL NOT NULL,
      created_at INTEGER NOT NULL,
      data TEXT NOT NULL
    )`,
    sql`CREATE VIRTUAL TABLE IF NOT EXISTS ${sql.table(t.fts)} USING fts5(
      name, brand, categories, attributes, description,
      tokenize = 'unicode61 remove_diacritics 2'
    )`,
    sql`CREATE TABLE IF NOT EXISTS ${sql.table(t.categories)} (
      product_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      path TEXT NOT NULL,
      name TEXT NOT NULL,
      PRIMARY KEY (product_id, position)
    ) WITHOUT ROWID`,
    sql`CREATE TABLE IF NOT EXISTS ${sql.table(t.variants)} (
      product_id TEXT NOT NULL,
      sku TEXT NOT NULL,
      price INTEGER NOT NULL,
      in_stock INTEGER NOT NULL,
      PRIMARY KEY (product_id, sku)
    ) WITHOUT ROWID`,
    sql`CREATE TABLE IF NOT EXISTS ${sql.table(t.attributes)} (
      product_id TEXT NOT NULL,
      sku TEXT NOT NULL,
      name TEXT NOT NULL COLLATE NOCASE,
      value TEXT NOT NULL COLLATE NOCASE,
      PRIMARY KEY (product_id, sku, name)
    ) WITHOUT ROWID`,
    sql`CREATE TABLE IF NOT EXISTS ${sql.table(t.facets)} (
      doc_id INTEGER NOT NULL,
      name TEXT NOT NULL COLLATE NOCASE,
      value TEXT NOT NULL COLLATE NOCASE,
      PRIMARY KEY (doc_id, name, value)
    ) WITHOUT ROWID`,
    sql`CREATE TABLE IF NOT EXISTS ${sql.table(t.terms)} (
      term TEXT PRIMARY KEY,
      doc_count INTEGER NOT NULL,
      trigram_count INTEGER NOT NULL
    ) WITHOUT ROWID`,
    sql`CREATE TABLE IF NOT EXISTS ${sql.table(t.trigrams)} (
      trigram TEXT NOT NULL,
      term TEXT NOT NULL,
      PRIMARY KEY (trigram, term)
    ) WITHOUT ROWID`,
  ];
  for (const statement of statements) await statement.execute(db);
}

export async function dropSearchTables(db: SearchDatabase, t: SqliteSearchTables): Promise<void> {
  for (const name of Object.values(t)) await sql`DROP TABLE IF EXISTS ${sql.table(name)}`.execute(db);
}

/** Replaces the tables of `to` by those of `from`; run it inside one transaction. */
export async function swapSearchTables(db: SearchDatabase, from: SqliteSearchTables, to: SqliteSearchTables): Promise<void> {
  await dropSearchTables(db, to);
  for (const role of Object.keys(BASE_NAMES) as (keyof SqliteSearchTables)[]) {
    await sql`ALTER TABLE ${sql.table(from[role])} RENAME TO ${sql.table(to[role])}`.execute(db);
  }
}

/**
 * The version of the live index, outside the swapped sets: every write bumps
 * it in its own transaction, so cached results and vocabularies, in this
 * process or another, can tell whether the index changed since they were read.
 */
const STATE_TABLE = "search_state";

export async function createSearchState(db: SearchDatabase): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS ${sql.table(STATE_TABLE)} (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
  )`.execute(db);
  await sql`INSERT OR IGNORE INTO ${sql.table(STATE_TABLE)} (id, version) VALUES (1, 0)`.execute(db);
}

/** Marks the index changed; run it in the transaction of the change. */
export async function bumpSearchVersion(db: SearchDatabase): Promise<void> {
  await sql`UPDATE ${sql.table(STATE_TABLE)} SET version = version + 1 WHERE id = 1`.execute(db);
}

export async function readSearchVersion(db: SearchDatabase): Promise<string> {
  const { rows } = await sql<{ version: number }>`SELECT version FROM ${sql.table(STATE_TABLE)} WHERE id = 1`.execute(db);
  return String(rows[0]?.version ?? 0);
}

import { sql } from "kysely";
import type { SearchDatabase } from "../sql/sqlite-search-tables.js";

/** The names of one complete set of search tables; a reindex builds a second set beside the live one. */
export interface PostgresSearchTables {
  readonly documents: string;
  readonly variants: string;
  readonly terms: string;
}

type Role = keyof PostgresSearchTables;

// The first key of the two-key advisory lock, "SE" in ASCII: keeps clear of other users of advisory locks.
const SEARCH_LOCK_CLASS = 0x5345;

const BASE_NAMES: PostgresSearchTables = {
  documents: "search_documents",
  variants: "search_variants",
  terms: "search_terms",
};

// Index names are schema-wide and survive a table rename, so each is named after its table and renamed with it.
const INDEXES: Record<Role, readonly string[]> = {
  documents: ["pkey", "tsv", "names", "categories"],
  variants: ["pkey", "options"],
  terms: ["pkey", "trgm"],
};

function withSuffix(suffix: string): PostgresSearchTables {
  return Object.fromEntries(
    Object.entries(BASE_NAMES).map(([role, name]) => [role, `${name}${suffix}`]),
  ) as unknown as PostgresSearchTables;
}

export const LIVE_TABLES = withSuffix("");
export const SHADOW_TABLES = withSuffix("__next");

const id = (name: string) => sql.id(name);
const constraint = (table: string, suffix: string) => sql.id(`${table}_${suffix}`);

/**
 * Creates a set of search tables if missing (their GIN indexes come from
 * `createSearchIndexes`, so a rebuild can load first and index once). The text
 * columns hold the words as `tokenize` sees them (lower case, no diacritics),
 * so the `simple` configuration indexes exactly what the query side looks up
 * and no `unaccent` extension is needed. Weights: name A, brand B, categories
 * C, attributes and description D; names also alone, for autocomplete. A document carries its category paths
 * (with their ancestors) and facet values, and a variant its option and
 * attribute values, as arrays (see the writer), so filters and facets need no joins.
 */
export async function createSearchTables(db: SearchDatabase, t: PostgresSearchTables): Promise<void> {
  const statements = [
    sql`CREATE TABLE IF NOT EXISTS ${id(t.documents)} (
      product_id text COLLATE "C" NOT NULL,
      name text NOT NULL,
      brand text,
      brand_key text,
      primary_category text,
      min_price bigint NOT NULL,
      max_price bigint NOT NULL,
      in_stock boolean NOT NULL,
      featured boolean NOT NULL,
      rating double precision NOT NULL,
      sales_count bigint NOT NULL,
      boost double precision NOT NULL,
      created_at bigint NOT NULL,
      category_paths text[] NOT NULL,
      facets text[] NOT NULL,
      terms text[] NOT NULL,
      name_text text NOT NULL,
      brand_text text NOT NULL,
      category_text text NOT NULL,
      detail_text text NOT NULL,
      tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, name_text), 'A') ||
        setweight(to_tsvector('simple'::regconfig, brand_text), 'B') ||
        setweight(to_tsvector('simple'::regconfig, category_text), 'C') ||
        setweight(to_tsvector('simple'::regconfig, detail_text), 'D')
      ) STORED,
      name_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, name_text)) STORED,
      CONSTRAINT ${constraint(t.documents, "pkey")} PRIMARY KEY (product_id)
    )`,
    sql`CREATE TABLE IF NOT EXISTS ${id(t.variants)} (
      product_id text COLLATE "C" NOT NULL,
      sku text NOT NULL,
      price bigint NOT NULL,
      in_stock boolean NOT NULL,
      options text[] NOT NULL,
      CONSTRAINT ${constraint(t.variants, "pkey")} PRIMARY KEY (product_id, sku)
    )`,
    // The "C" collation lets the primary key serve `LIKE 'prefix%'` completions.
    sql`CREATE TABLE IF NOT EXISTS ${id(t.terms)} (
      term text COLLATE "C" NOT NULL,
      doc_count integer NOT NULL,
      CONSTRAINT ${constraint(t.terms, "pkey")} PRIMARY KEY (term)
    )`,
  ];
  for (const statement of statements) await statement.execute(db);
}

/**
 * How much of a GIN index's pending list (kB) may wait for merging. Every search scans the
 * whole list, and the planner, seeing it, turns to a sequential scan of every document:
 * PostgreSQL's default of 4 MB made searches over 10,000 products several times slower
 * until a vacuum merged it. A small list still batches the index updates of a write.
 */
const GIN_PENDING_LIST_KB = 128;

/** The GIN indexes of a set of tables; `trigramSchema` names where pg_trgm lives, null leaves the vocabulary without one. */
export async function createSearchIndexes(db: SearchDatabase, t: PostgresSearchTables, trigramSchema: string | null): Promise<void> {
  const gin = sql.raw(`WITH (gin_pending_list_limit = ${GIN_PENDING_LIST_KB})`);
  await sql`CREATE INDEX IF NOT EXISTS ${constraint(t.documents, "tsv")} ON ${id(t.documents)} USING gin (tsv) ${gin}`.execute(db);
  // Autocomplete matches names only: a small index of its own spares it rechecking every document's whole text.
  await sql`CREATE INDEX IF NOT EXISTS ${constraint(t.documents, "names")} ON ${id(t.documents)} USING gin (name_tsv) ${gin}`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS ${constraint(t.documents, "categories")} ON ${id(t.documents)} USING gin (category_paths) ${gin}`.execute(
    db,
  );
  await sql`CREATE INDEX IF NOT EXISTS ${constraint(t.variants, "options")} ON ${id(t.variants)} USING gin (options) ${gin}`.execute(db);
  if (trigramSchema !== null) {
    await sql`CREATE INDEX IF NOT EXISTS ${constraint(t.terms, "trgm")} ON ${id(t.terms)} USING gin (term ${sql.id(trigramSchema, "gin_trgm_ops")}) ${gin}`.execute(
      db,
    );
  }
}

/**
 * Gives indexes made before the pending list was bounded the bound, and merges the list they
 * have built up. Needs to own them; once done, it only reads the catalogue.
 */
export async function limitPendingLists(db: SearchDatabase, t: PostgresSearchTables): Promise<void> {
  const setting = `gin_pending_list_limit=${GIN_PENDING_LIST_KB}`;
  const { rows } = await sql<{ name: string }>`
    SELECT i.relname AS name FROM pg_index AS x
    JOIN pg_class AS i ON i.oid = x.indexrelid
    JOIN pg_am AS am ON am.oid = i.relam
    WHERE x.indrelid IN (${sql.join(Object.values(t).map((table: string) => sql`to_regclass(${table})`))})
      AND am.amname = 'gin' AND NOT (coalesce(i.reloptions, '{}') @> ARRAY[${setting}])
  `.execute(db);
  for (const { name } of rows) {
    await sql`ALTER INDEX ${id(name)} SET (gin_pending_list_limit = ${sql.lit(GIN_PENDING_LIST_KB)})`.execute(db);
    await sql`SELECT gin_clean_pending_list(${name}::regclass)`.execute(db);
  }
}

/**
 * The version of the live index, outside the swapped sets: every write bumps
 * it in its own transaction, so cached results in any process can tell
 * whether the index changed since they were computed.
 */
const STATE_TABLE = "search_state";

export async function createSearchState(db: SearchDatabase): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS ${id(STATE_TABLE)} (
    id integer PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
  )`.execute(db);
  await sql`INSERT INTO ${id(STATE_TABLE)} (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING`.execute(db);
}

/** Marks the index changed; run it in the transaction of the change. */
export async function bumpSearchVersion(db: SearchDatabase): Promise<void> {
  await sql`UPDATE ${id(STATE_TABLE)} SET version = version + 1 WHERE id = 1`.execute(db);
}

export async function readSearchVersion(db: SearchDatabase): Promise<string> {
  const { rows } = await sql<{ version: string | number }>`SELECT version FROM ${id(STATE_TABLE)} WHERE id = 1`.execute(db);
  return String(rows[0]?.version ?? 0);
}

/** Refreshes the planner's statistics of a set of tables, so a freshly loaded one is not planned as empty. */
export async function analyzeSearchTables(db: SearchDatabase, t: PostgresSearchTables): Promise<void> {
  await sql`ANALYZE ${sql.join(Object.values(t).map(id))}`.execute(db);
}

export async function dropSearchTables(db: SearchDatabase, t: PostgresSearchTables): Promise<void> {
  await sql`DROP TABLE IF EXISTS ${sql.join(Object.values(t).map(id))}`.execute(db);
}

/** Replaces the tables of `to` by those of `from`, indexes included; run it inside one transaction. */
export async function swapSearchTables(db: SearchDatabase, from: PostgresSearchTables, to: PostgresSearchTables): Promise<void> {
  await dropSearchTables(db, to);
  for (const role of Object.keys(BASE_NAMES) as Role[]) {
    await sql`ALTER TABLE ${id(from[role])} RENAME TO ${id(to[role])}`.execute(db);
    for (const suffix of INDEXES[role]) {
      await sql`ALTER INDEX IF EXISTS ${constraint(from[role], suffix)} RENAME TO ${constraint(to[role], suffix)}`.execute(db);
    }
  }
}

/** Whether a set of tables exists (a rebuild's shadow set, seen from any process). */
export async function searchTablesExist(db: SearchDatabase, t: PostgresSearchTables): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`SELECT to_regclass(${t.documents}) IS NOT NULL AS present`.execute(db);
  return rows[0]?.present === true;
}

/**
 * Serialises the index writers of this schema, in every process, until the
 * transaction ends: writes to the same product or word never interleave, and a
 * rebuild's swap never lands between a writer seeing the shadow set and writing to it.
 */
export async function lockSearchWrites(db: SearchDatabase): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${sql.lit(SEARCH_LOCK_CLASS)}, hashtext(coalesce(current_schema(), '')))`.execute(db);
}

import type { SearchDocument, SearchIndex, SearchQuery, SearchResult } from "@emporium/domain";
import { SearchResultCache } from "../search-result-cache.js";
import { SynonymTable } from "../synonym-table.js";
import { SYNONYMS } from "../synonyms.js";
import { tokenize } from "../tokenize.js";
import { buildMatchExpression } from "./sqlite-match-expression.js";
import { runSearch } from "./sqlite-search-query.js";
import {
  LIVE_TABLES,
  SHADOW_TABLES,
  bumpSearchVersion,
  createSearchState,
  createSearchTables,
  dropSearchTables,
  readSearchVersion,
  swapSearchTables,
  type SearchDatabase,
  type SqliteSearchTables,
} from "./sqlite-search-tables.js";
import { removeSearchDocuments, writeSearchDocuments } from "./sqlite-search-writer.js";
import { suggestCompletions } from "./sqlite-suggestions.js";
import { SqliteVocabulary } from "./sqlite-vocabulary.js";

export interface SqliteSearchIndexOptions {
  readonly synonyms?: readonly (readonly string[])[];
  /** How many recent results to keep for repeated searches; 0 keeps none. */
  readonly cacheSize?: number;
}

/**
 * The embedded profile's SearchIndex: FTS5 with bm25 column weights, a word
 * vocabulary with trigrams for typo tolerance and autocomplete, synonyms
 * expanded at query time, facets by SQL over the matched set. It owns its
 * tables (outside the shared migrations) and creates them on first use.
 * Results of repeated searches are kept until the next write to the index,
 * from this process or another (see `SearchResultCache`).
 */
export class SqliteSearchIndex implements SearchIndex {
  private readonly synonyms: SynonymTable;
  private readonly results: SearchResultCache;
  private schema: Promise<void> | undefined;
  private reindexing = false;
  // True while a rebuild's shadow tables exist: writes then go to both sets, so none is lost by the swap.
  private shadowLive = false;

  constructor(
    private readonly db: SearchDatabase,
    { synonyms = SYNONYMS, cacheSize }: SqliteSearchIndexOptions = {},
  ) {
    this.synonyms = new SynonymTable(synonyms);
    this.results = new SearchResultCache(cacheSize);
  }

  /** Creates the search tables if they are missing. Safe to call any number of times. */
  ensureSchema(): Promise<void> {
    this.schema ??= createSearchTables(this.db, LIVE_TABLES)
      .then(() => createSearchState(this.db))
      .catch((error: unknown) => {
        this.schema = undefined;
        throw error;
      });
    return this.schema;
  }

  async index(documents: readonly SearchDocument[]): Promise<void> {
    await this.ensureSchema();
    await this.transaction(async (db) => {
      for (const tables of this.writeTargets()) await writeSearchDocuments(db, tables, documents);
      await bumpSearchVersion(db);
    });
  }

  async remove(productIds: readonly string[]): Promise<void> {
    await this.ensureSchema();
    await this.transaction(async (db) => {
      for (const tables of this.writeTargets()) await removeSearchDocuments(db, tables, productIds);
      await bumpSearchVersion(db);
    });
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    await this.ensureSchema();
    // No transaction needed: hits and facets come from one statement, so from one snapshot.
    const compute = async () => {
      const match = await buildMatchExpression(tokenize(query.q), this.synonyms, new SqliteVocabulary(this.db, LIVE_TABLES));
      return runSearch(this.db, LIVE_TABLES, query, match);
    };
    // Inside a caller's transaction the version may yet be rolled back, so nothing is cached there (nor with the cache off).
    if (this.db.isTransaction || !this.results.enabled) return compute();
    // Read before the search: a write landing in between makes the result newer than its version, never older.
    return this.results.read(await readSearchVersion(this.db), query, compute);
  }

  async suggest(prefix: string, limit: number): Promise<string[]> {
    await this.ensureSchema();
    return suggestCompletions(this.db, LIVE_TABLES, new SqliteVocabulary(this.db, LIVE_TABLES), prefix, limit);
  }

  /**
   * Builds a complete second set of tables, one transaction per batch so
   * searches keep answering from the live set in between, then swaps the sets
   * by renaming in one transaction.
   */
  async reindex(source: AsyncIterable<readonly SearchDocument[]>): Promise<{ indexed: number }> {
    if (this.reindexing) throw new Error("A search reindex is already running; wait for it to finish before starting another");
    this.reindexing = true;
    try {
      await this.ensureSchema();
      await this.transaction(async (db) => {
        await dropSearchTables(db, SHADOW_TABLES);
        await createSearchTables(db, SHADOW_TABLES);
        this.shadowLive = true;
      });
      let indexed = 0;
      for await (const batch of source) {
        await this.transaction((db) => writeSearchDocuments(db, SHADOW_TABLES, batch));
        indexed += batch.length;
      }
      await this.transaction(async (db) => {
        this.shadowLive = false;
        await swapSearchTables(db, SHADOW_TABLES, LIVE_TABLES);
        await bumpSearchVersion(db);
      });
      return { indexed };
    } catch (error) {
      this.shadowLive = false;
      await this.transaction((db) => dropSearchTables(db, SHADOW_TABLES));
      throw error;
    } finally {
      this.reindexing = false;
    }
  }

  // Read when the transaction holds the connection, so a write queued behind the swap does not target dropped tables.
  private writeTargets(): SqliteSearchTables[] {
    return this.shadowLive ? [LIVE_TABLES, SHADOW_TABLES] : [LIVE_TABLES];
  }

  private transaction<T>(work: (db: SearchDatabase) => Promise<T>): Promise<T> {
    return this.db.isTransaction ? work(this.db) : this.db.transaction().execute(work);
  }
}

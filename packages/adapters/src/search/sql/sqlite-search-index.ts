import type { SearchDocument, SearchIndex, SearchQuery, SearchResult } from "@emporium/domain";
import { SynonymTable } from "../synonym-table.js";
import { SYNONYMS } from "../synonyms.js";
import { tokenize } from "../tokenize.js";
import { buildMatchExpression } from "./sqlite-match-expression.js";
import { runSearch } from "./sqlite-search-query.js";
import {
  LIVE_TABLES,
  SHADOW_TABLES,
  createSearchTables,
  dropSearchTables,
  swapSearchTables,
  type SearchDatabase,
  type SqliteSearchTables,
} from "./sqlite-search-tables.js";
import { removeSearchDocuments, writeSearchDocuments } from "./sqlite-search-writer.js";
import { suggestCompletions } from "./sqlite-suggestions.js";
import { SqliteVocabulary } from "./sqlite-vocabulary.js";

export interface SqliteSearchIndexOptions {
  readonly synonyms?: readonly (readonly string[])[];
}

/**
 * The embedded profile's SearchIndex: FTS5 with bm25 column weights, a word
 * vocabulary with trigrams for typo tolerance and autocomplete, synonyms
 * expanded at query time, facets by SQL over the matched set. It owns its
 * tables (outside the shared migrations) and creates them on first use.
 */
export class SqliteSearchIndex implements SearchIndex {
  private readonly synonyms: SynonymTable;
  private schema: Promise<void> | undefined;
  private reindexing = false;
  // True while a rebuild's shadow tables exist: writes then go to both sets, so none is lost by the swap.
  private shadowLive = false;

  constructor(
    private readonly db: SearchDatabase,
    { synonyms = SYNONYMS }: SqliteSearchIndexOptions = {},
  ) {
    this.synonyms = new SynonymTable(synonyms);
  }

  /** Creates the search tables if they are missing. Safe to call any number of times. */
  ensureSchema(): Promise<void> {
    this.schema ??= createSearchTables(this.db, LIVE_TABLES).catch((error: unknown) => {
      this.schema = undefined;
      throw error;
    });
    return this.schema;
  }

  async index(documents: readonly SearchDocument[]): Promise<void> {
    await this.ensureSchema();
    await this.transaction(async (db) => {
      for (const tables of this.writeTargets()) await writeSearchDocuments(db, tables, documents);
    });
  }

  async remove(productIds: readonly string[]): Promise<void> {
    await this.ensureSchema();
    await this.transaction(async (db) => {
      for (const tables of this.writeTargets()) await removeSearchDocuments(db, tables, productIds);
    });
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    await this.ensureSchema();
    // One transaction, so the hits and the facets come from the same index even if a reindex swaps meanwhile.
    return this.transaction(async (db) => {
      const match = await buildMatchExpression(tokenize(query.q), this.synonyms, new SqliteVocabulary(db, LIVE_TABLES));
      return runSearch(db, LIVE_TABLES, query, match);
    });
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

import type { SearchDocument, SearchIndex, SearchQuery, SearchResult } from "@emporium/domain";
import { silentLogger, type Logger } from "../../container/logger.js";
import type { SearchDatabase } from "../sql/sqlite-search-tables.js";
import { SynonymTable } from "../synonym-table.js";
import { SYNONYMS } from "../synonyms.js";
import { tokenize } from "../tokenize.js";
import { PostgresSearchError } from "./postgres-search-error.js";
import { runSearch } from "./postgres-search-query.js";
import {
  LIVE_TABLES,
  SHADOW_TABLES,
  analyzeSearchTables,
  createSearchIndexes,
  createSearchTables,
  dropSearchTables,
  lockSearchWrites,
  searchTablesExist,
  swapSearchTables,
  type PostgresSearchTables,
} from "./postgres-search-tables.js";
import { removeSearchDocuments, writeSearchDocuments } from "./postgres-search-writer.js";
import { suggestCompletions } from "./postgres-suggestions.js";
import { ensureTrigramExtension } from "./postgres-trigram-extension.js";
import { toTsquery } from "./postgres-tsquery.js";
import { PostgresVocabulary } from "./postgres-vocabulary.js";
import { resolveQueryTerms } from "./resolve-query-terms.js";

export interface PostgresSearchIndexOptions {
  readonly synonyms?: readonly (readonly string[])[];
  /** Told once, at start, when pg_trgm cannot be used. */
  readonly logger?: Logger;
  /** False: do without pg_trgm even where it is installed (how the fallback is tested). */
  readonly trigrams?: boolean;
}

/**
 * The production SearchIndex without Elasticsearch: a generated, weighted
 * `tsvector` with a GIN index, queried with a `to_tsquery` built from the
 * corrected, synonym-expanded words of the query (the last one as a prefix); a
 * word vocabulary with a pg_trgm GIN index for typo tolerance and autocomplete;
 * filters and facets by SQL over the matched set; the SQLite adapter's synonyms,
 * edit caps and boosts, so both rank alike. It owns its tables (outside the
 * shared migrations) and creates them in `ensureSchema`. Failures throw
 * `PostgresSearchError` (code `search.unavailable`).
 */
export class PostgresSearchIndex implements SearchIndex {
  private readonly synonyms: SynonymTable;
  private readonly logger: Logger;
  private readonly useTrigrams: boolean;
  // Resolves to the schema of pg_trgm, or null when it cannot be used.
  private schema: Promise<string | null> | undefined;
  private reindexing = false;

  constructor(
    private readonly db: SearchDatabase,
    { synonyms = SYNONYMS, logger = silentLogger, trigrams = true }: PostgresSearchIndexOptions = {},
  ) {
    this.synonyms = new SynonymTable(synonyms);
    this.logger = logger;
    this.useTrigrams = trigrams;
  }

  /** Installs pg_trgm if it can and creates the search tables if they are missing. Safe to call any number of times. */
  async ensureSchema(): Promise<void> {
    await this.ready();
  }

  async index(documents: readonly SearchDocument[]): Promise<void> {
    await this.ready();
    await this.write("index documents", async (db) => {
      for (const tables of await writeTargets(db)) await writeSearchDocuments(db, tables, documents);
    });
  }

  async remove(productIds: readonly string[]): Promise<void> {
    await this.ready();
    await this.write("remove documents", async (db) => {
      for (const tables of await writeTargets(db)) await removeSearchDocuments(db, tables, productIds);
    });
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const trigramSchema = await this.ready();
    return this.read("search", async () => {
      const vocabulary = new PostgresVocabulary(this.db, LIVE_TABLES, trigramSchema);
      const clauses = await resolveQueryTerms(tokenize(query.q), this.synonyms, vocabulary);
      return runSearch(this.db, LIVE_TABLES, query, toTsquery(clauses));
    });
  }

  async suggest(prefix: string, limit: number): Promise<string[]> {
    const trigramSchema = await this.ready();
    return this.read("suggest", () =>
      suggestCompletions(this.db, LIVE_TABLES, new PostgresVocabulary(this.db, LIVE_TABLES, trigramSchema), prefix, limit),
    );
  }

  /**
   * Builds a complete second set of tables, one transaction per batch so
   * searches keep answering from the live set in between, then swaps the sets
   * by renaming in one transaction. Writes meanwhile go to both sets (any
   * process sees the second set exist). One rebuild at a time per process;
   * a second process starting one would restart the first's second set.
   */
  async reindex(source: AsyncIterable<readonly SearchDocument[]>): Promise<{ indexed: number }> {
    if (this.reindexing) throw new Error("A search reindex is already running; wait for it to finish before starting another");
    this.reindexing = true;
    try {
      const trigramSchema = await this.ready();
      await this.write("start a reindex", async (db) => {
        await dropSearchTables(db, SHADOW_TABLES);
        await createSearchTables(db, SHADOW_TABLES);
      });
      let indexed = 0;
      try {
        for await (const batch of source) {
          await this.write("index documents", (db) => writeSearchDocuments(db, SHADOW_TABLES, batch));
          indexed += batch.length;
        }
        // Indexed once loaded, which is much faster than keeping GIN indexes up to date row by row.
        await this.write("index the rebuilt tables", async (db) => {
          await createSearchIndexes(db, SHADOW_TABLES, trigramSchema);
          await analyzeSearchTables(db, SHADOW_TABLES);
        });
        await this.write("swap in the rebuilt index", (db) => swapSearchTables(db, SHADOW_TABLES, LIVE_TABLES));
      } catch (error) {
        // The original failure is the one to report; if the database is gone, the next rebuild drops the leftovers.
        await this.write("drop the unfinished index", (db) => dropSearchTables(db, SHADOW_TABLES)).catch(() => undefined);
        throw error;
      }
      return { indexed };
    } finally {
      this.reindexing = false;
    }
  }

  private ready(): Promise<string | null> {
    this.schema ??= this.setUp().catch((error: unknown) => {
      this.schema = undefined;
      throw error;
    });
    return this.schema;
  }

  private async setUp(): Promise<string | null> {
    let trigramSchema: string | null = null;
    if (this.useTrigrams) {
      const extension = await this.read("look for pg_trgm", () => ensureTrigramExtension(this.db));
      if (extension.schema === null) {
        this.logger.warn(
          { reason: extension.reason },
          "pg_trgm is not available: PostgreSQL search corrects typos and completes words only from their first letter",
        );
      }
      trigramSchema = extension.schema;
    }
    await this.write("create its tables", async (db) => {
      await createSearchTables(db, LIVE_TABLES);
      await createSearchIndexes(db, LIVE_TABLES, trigramSchema);
    });
    return trigramSchema;
  }

  private async read<T>(action: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw error instanceof PostgresSearchError ? error : new PostgresSearchError(action, error);
    }
  }

  /** Runs `work` in a transaction holding the search write lock. */
  private write<T>(action: string, work: (db: SearchDatabase) => Promise<T>): Promise<T> {
    const locked = async (db: SearchDatabase) => {
      await lockSearchWrites(db);
      return work(db);
    };
    return this.read(action, () => (this.db.isTransaction ? locked(this.db) : this.db.transaction().execute(locked)));
  }
}

/** The live set, and the shadow set while a rebuild runs (in this process or another), so no write is lost by the swap. */
async function writeTargets(db: SearchDatabase): Promise<PostgresSearchTables[]> {
  return (await searchTablesExist(db, SHADOW_TABLES)) ? [LIVE_TABLES, SHADOW_TABLES] : [LIVE_TABLES];
}

import type { SearchDocument, SearchIndex, SearchQuery, SearchResult } from "@emporium/domain";
import { silentLogger, type Logger } from "../../container/logger.js";
import type { SearchDatabase } from "../sql/sqlite-search-tables.js";
import { SearchResultCache } from "../search-result-cache.js";
import { SynonymTable } from "../synonym-table.js";
import { SYNONYMS } from "../synonyms.js";
import { tokenize } from "../tokenize.js";
import { PostgresSearchError } from "./postgres-search-error.js";
import { runSearch } from "./postgres-search-query.js";
import {
  LIVE_TABLES,
  SHADOW_TABLES,
  analyzeSearchTables,
  bumpSearchVersion,
  createSearchIndexes,
  createSearchState,
  createSearchTables,
  dropSearchTables,
  limitPendingLists,
  lockSearchWrites,
  readSearchVersion,
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
  /** How many recent results to keep for repeated searches; 0 keeps none. */
  readonly cacheSize?: number;
}

/**
 * The production SearchIndex without Elasticsearch: a generated, weighted
 * `tsvector` with a GIN index, queried with a `to_tsquery` built from the
 * corrected, synonym-expanded words of the query (the last one as a prefix); a
 * word vocabulary with a pg_trgm GIN index for typo tolerance and autocomplete;
 * filters and facets by SQL over the matched set; the SQLite adapter's synonyms,
 * edit caps and boosts, so both rank alike. It owns its tables (outside the
 * shared migrations) and creates them in `ensureSchema`. Results of repeated
 * searches are kept until the next write to the index, from any process (see
 * `SearchResultCache`). Failures throw `PostgresSearchError` (code `search.unavailable`).
 */
export class PostgresSearchIndex implements SearchIndex {
  private readonly synonyms: SynonymTable;
  private readonly logger: Logger;
  private readonly useTrigrams: boolean;
  private readonly results: SearchResultCache;
  private versionRead: Promise<string> | undefined;
  // Resolves to the schema of pg_trgm, or null when it cannot be used.
  private schema: Promise<string | null> | undefined;
  private reindexing = false;

  constructor(
    private readonly db: SearchDatabase,
    { synonyms = SYNONYMS, logger = silentLogger, trigrams = true, cacheSize }: PostgresSearchIndexOptions = {},
  ) {
    this.results = new SearchResultCache(cacheSize);
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
      await bumpSearchVersion(db);
    });
  }

  async remove(productIds: readonly string[]): Promise<void> {
    await this.ready();
    await this.write("remove documents", async (db) => {
      for (const tables of await writeTargets(db)) await removeSearchDocuments(db, tables, productIds);
      await bumpSearchVersion(db);
    });
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const trigramSchema = await this.ready();
    return this.read("search", async () => {
      const compute = async () => {
        const vocabulary = new PostgresVocabulary(this.db, LIVE_TABLES, trigramSchema);
        const clauses = await resolveQueryTerms(tokenize(query.q), this.synonyms, vocabulary);
        return runSearch(this.db, LIVE_TABLES, query, toTsquery(clauses));
      };
      // Inside a caller's transaction the version may yet be rolled back, so nothing is cached there (nor with the cache off).
      if (this.db.isTransaction || !this.results.enabled) return compute();
      // Read before the search: a write committed in between makes the result newer than its version, never older.
      return this.results.read(await this.currentVersion(), query, compute);
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
        await this.write("swap in the rebuilt index", async (db) => {
          await swapSearchTables(db, SHADOW_TABLES, LIVE_TABLES);
          await bumpSearchVersion(db);
        });
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

  /**
   * The index version, one read shared by the searches that ask while it runs: under load
   * that spares most of a round trip per search, and a search may then miss only a write
   * committed by another process during that one read. Writes of this process start a new read.
   */
  private currentVersion(): Promise<string> {
    if (this.versionRead !== undefined) return this.versionRead;
    const read = readSearchVersion(this.db).finally(() => {
      if (this.versionRead === read) this.versionRead = undefined;
    });
    this.versionRead = read;
    return read;
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
      await createSearchState(db);
      await createSearchTables(db, LIVE_TABLES);
      await createSearchIndexes(db, LIVE_TABLES, trigramSchema);
    });
    await limitPendingLists(this.db, LIVE_TABLES).catch((error: unknown) => {
      this.logger.warn({ err: error }, "could not bound the pending lists of the search indexes; searches may be slower until a vacuum");
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

  /** Runs `work` in a transaction holding the search write lock; searches after it read the version anew. */
  private async write<T>(action: string, work: (db: SearchDatabase) => Promise<T>): Promise<T> {
    const locked = async (db: SearchDatabase) => {
      await lockSearchWrites(db);
      return work(db);
    };
    try {
      return await this.read(action, () => (this.db.isTransaction ? locked(this.db) : this.db.transaction().execute(locked)));
    } finally {
      this.versionRead = undefined;
    }
  }
}

/** The live set, and the shadow set while a rebuild runs (in this process or another), so no write is lost by the swap. */
async function writeTargets(db: SearchDatabase): Promise<PostgresSearchTables[]> {
  return (await searchTablesExist(db, SHADOW_TABLES)) ? [LIVE_TABLES, SHADOW_TABLES] : [LIVE_TABLES];
}

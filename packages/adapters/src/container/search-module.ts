import type { SearchIndex } from "@emporium/domain";
import { ContainerModule } from "inversify";
import { createElasticsearchClient } from "../search/elasticsearch/create-elasticsearch-client.js";
import { ElasticsearchSearchIndex } from "../search/elasticsearch/elasticsearch-search-index.js";
import { PostgresSearchIndex } from "../search/pg/postgres-search-index.js";
import { SqliteSearchIndex } from "../search/sql/sqlite-search-index.js";
import type { SqlDatabase } from "../sql/create-database.js";
import { constant } from "./binding.js";
import { silentLogger, type Logger } from "./logger.js";
import { Tokens } from "./tokens.js";

export interface OpenSearchIndexOptions {
  /** Told once, at start, when PostgreSQL search has to do without pg_trgm. */
  readonly logger?: Logger;
  /** ELASTICSEARCH_URL: when set, search goes to Elasticsearch instead of the database. */
  readonly elasticsearchUrl?: string | null;
}

/**
 * Elasticsearch when ELASTICSEARCH_URL is set, else the search index inside the
 * database in use, its tables created here: FTS5 in the SQLite file, or
 * tsvector + pg_trgm on PostgreSQL (on the primary, so a search sees the index
 * the moment a write lands). A cluster that is down at start does not stop the
 * start: its index is created on first use, and searches answer 503 until then.
 */
export async function openSearchIndex(
  database: SqlDatabase,
  { logger = silentLogger, elasticsearchUrl = null }: OpenSearchIndexOptions = {},
): Promise<SearchIndex> {
  if (elasticsearchUrl !== null) {
    const search = new ElasticsearchSearchIndex({ client: createElasticsearchClient(elasticsearchUrl) });
    search
      .ensureIndex()
      .catch((error: unknown) => logger.warn({ err: error }, "Elasticsearch is not reachable yet; search answers 503 until it is"));
    return search;
  }
  const search = database.dialect === "postgres" ? new PostgresSearchIndex(database.db, { logger }) : new SqliteSearchIndex(database.db);
  await search.ensureSchema();
  return search;
}

export const searchModule = (search: SearchIndex) =>
  new ContainerModule(({ bind }) => {
    constant(bind, Tokens.SearchIndex, search);
  });

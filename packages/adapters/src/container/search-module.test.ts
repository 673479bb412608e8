import { errors } from "@elastic/elasticsearch";
import { describe, expect, it } from "vitest";
import { ElasticsearchSearchIndex } from "../search/elasticsearch/elasticsearch-search-index.js";
import { SqliteSearchIndex } from "../search/sql/sqlite-search-index.js";
import { createDatabase } from "../sql/create-database.js";
import { openSearchIndex } from "./search-module.js";
import { closedPort } from "../search/elasticsearch/test-support/closed-port.js";

describe("openSearchIndex", () => {
  it("keeps search in the database when ELASTICSEARCH_URL is not set", async () => {
    const database = await createDatabase({ url: "sqlite::memory:" });
    expect(await openSearchIndex(database, { elasticsearchUrl: null })).toBeInstanceOf(SqliteSearchIndex);
    await database.close();
  });

  it("chooses Elasticsearch when ELASTICSEARCH_URL is set, starting even when the cluster is down", async () => {
    const database = await createDatabase({ url: "sqlite::memory:" });
    const warnings: string[] = [];
    const logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: (_: unknown, message: string) => warnings.push(message),
      error: () => undefined,
    };
    const search = await openSearchIndex(database, { elasticsearchUrl: `http://127.0.0.1:${await closedPort()}`, logger });
    expect(search).toBeInstanceOf(ElasticsearchSearchIndex);
    await expect(search.search({ q: "lamp", page: 1, limit: 10 })).rejects.toBeInstanceOf(errors.ConnectionError);
    expect(warnings).toEqual(["Elasticsearch is not reachable yet; search answers 503 until it is"]);
    await (search as ElasticsearchSearchIndex).close();
    await database.close();
  });
});

import type { Client } from "@elastic/elasticsearch";
import { elasticsearchModule } from "./elasticsearch-module.js";

export interface ElasticsearchClientOptions {
  /** How long one request may take before it fails (default 30 s; bulk loads and refreshes need the room). */
  readonly requestTimeoutMs?: number;
}

/**
 * The client for ELASTICSEARCH_URL (credentials may ride in the URL). It
 * retries a dead connection or a 502/503/504 once; 429s are retried by the
 * bulk writer with backoff. Close it when the host stops.
 */
export function createElasticsearchClient(url: string, { requestTimeoutMs = 30_000 }: ElasticsearchClientOptions = {}): Client {
  const { Client } = elasticsearchModule();
  return new Client({ node: url, requestTimeout: requestTimeoutMs, maxRetries: 1 });
}

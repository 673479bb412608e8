import type { Client, estypes } from "@elastic/elasticsearch";
import { bulkBody, type BulkOperation } from "./documents.js";
import { elasticsearchModule } from "./elasticsearch-module.js";

/** How rejected bulk writes are retried. */
export interface BulkRetryOptions {
  /** Further attempts after the first (default 5). */
  readonly retries?: number;
  /** The first pause (default 200 ms); each further pause doubles, up to `maxDelayMs`. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
}

export interface WriteBulkOptions {
  readonly refresh?: estypes.Refresh;
  /** Item failures that are an expected outcome, not an error (a `create` that found the document there). */
  readonly tolerate?: (item: estypes.BulkResponseItem) => boolean;
  readonly retry?: BulkRetryOptions;
}

/** Some documents of a bulk write failed for a reason retrying will not fix (a mapping error, a missing alias). */
export class ElasticsearchBulkError extends Error {
  override readonly name = "ElasticsearchBulkError";

  constructor(readonly failures: readonly estypes.BulkResponseItem[]) {
    const first = failures[0];
    super(
      `Elasticsearch rejected ${failures.length} bulk item(s); first: ${first?._index}/${first?._id} ` +
        `${first?.status} ${first?.error?.type ?? ""}: ${first?.error?.reason ?? ""}`,
    );
  }
}

/**
 * Sends the operations in one bulk request against aliases only (so a write
 * can never auto-create an index), and sends again, after an exponential
 * backoff, whatever the cluster turned away with 429 — the whole request or
 * single items. Other failures, and 429s past the last retry, are thrown.
 */
export async function writeBulk(client: Client, operations: readonly BulkOperation[], options: WriteBulkOptions = {}): Promise<void> {
  const { retries = 5 } = options.retry ?? {};
  let pending = operations;
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    let response: estypes.BulkResponse;
    try {
      response = await client.bulk({
        operations: bulkBody(pending),
        require_alias: true,
        ...(options.refresh === undefined ? {} : { refresh: options.refresh }),
      });
    } catch (error) {
      if (!isTooManyRequests(error) || attempt >= retries) throw error;
      await pause(retryDelay(attempt, options.retry));
      continue;
    }
    const rejected: BulkOperation[] = [];
    const failed: estypes.BulkResponseItem[] = [];
    response.items.forEach((entry, index) => {
      const item = Object.values(entry)[0];
      if (item?.error === undefined || options.tolerate?.(item) === true) return;
      if (item.status === 429 && attempt < retries) rejected.push(pending[index] as BulkOperation);
      else failed.push(item);
    });
    if (failed.length > 0) throw new ElasticsearchBulkError(failed);
    pending = rejected;
    if (pending.length > 0) await pause(retryDelay(attempt, options.retry));
  }
}

/** The pause before retry number `attempt + 1`: doubling from the base, capped, with jitter in its upper half so writers spread out. */
export function retryDelay(
  attempt: number,
  { baseDelayMs = 200, maxDelayMs = 10_000 }: BulkRetryOptions = {},
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
  return ceiling / 2 + (random() * ceiling) / 2;
}

function isTooManyRequests(error: unknown): boolean {
  return error instanceof elasticsearchModule().errors.ResponseError && error.statusCode === 429;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

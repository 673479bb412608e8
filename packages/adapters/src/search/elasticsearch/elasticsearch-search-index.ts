import type { Client, estypes } from "@elastic/elasticsearch";
import type { SearchDocument, SearchIndex, SearchQuery, SearchResult } from "@emporium/domain";
import { deleteOperations, indexOperations, toVariantDocuments, type BulkOperation } from "./documents.js";
import { indexTemplate } from "./index-template.js";
import { toSearchResult, toSuggestions } from "./response.js";
import { buildSearchRequest } from "./search-query.js";
import { allowsFuzzySuggest, buildSuggestRequest } from "./suggest-query.js";
import { writeBulk, type BulkRetryOptions, type WriteBulkOptions } from "./write-bulk.js";

export interface ElasticsearchSearchIndexOptions {
  readonly client: Client;
  /** The alias searches read through (default "products"). */
  readonly alias?: string;
  /** Index versions are named prefix + N (default "products_v"). */
  readonly indexPrefix?: string;
  /** Documents per bulk request (default 1,000). */
  readonly batchSize?: number;
  readonly retry?: BulkRetryOptions;
  /** How long a search or suggestion may take before it fails (default 5 s), so a stalled cluster costs a quick 503. */
  readonly searchTimeoutMs?: number;
}

// Pages of document ids read while looking for variants a product no longer has.
const ID_PAGE = 1_000;

/**
 * The production SearchIndex: one document per variant SKU in a versioned
 * index (`products_v1`, `products_v2`, …) behind an alias. A rebuild fills the
 * next version while searches keep reading the alias, then moves the alias in
 * one atomic call. While a rebuild runs, the next version also carries a
 * second alias (`<alias>_next`) and every write goes to both, so nothing
 * written meanwhile is lost by the swap. Cluster failures (refused
 * connections, timeouts) are thrown as they are; the HTTP layer answers 503.
 */
export class ElasticsearchSearchIndex implements SearchIndex {
  private readonly client: Client;
  private readonly alias: string;
  private readonly nextAlias: string;
  private readonly indexPrefix: string;
  private readonly batchSize: number;
  private readonly retry: BulkRetryOptions | undefined;
  private readonly searchTimeoutMs: number;
  private ready: Promise<void> | undefined;
  private reindexing = false;

  constructor({
    client,
    alias = "products",
    indexPrefix = "products_v",
    batchSize = 1_000,
    retry,
    searchTimeoutMs = 5_000,
  }: ElasticsearchSearchIndexOptions) {
    this.client = client;
    this.alias = alias;
    this.nextAlias = `${alias}_next`;
    this.indexPrefix = indexPrefix;
    this.batchSize = batchSize;
    this.retry = retry;
    this.searchTimeoutMs = searchTimeoutMs;
  }

  /**
   * Installs the index template (settings and mappings of every version) and,
   * when the alias is missing, creates the first version behind it. Safe to
   * call any number of times, from several processes.
   */
  ensureIndex(): Promise<void> {
    this.ready ??= this.createIndexIfMissing().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  async index(documents: readonly SearchDocument[]): Promise<void> {
    await this.ensureIndex();
    const latest = [...new Map(documents.map((document) => [document.productId, document])).values()];
    if (latest.length === 0) return;
    const variants = latest.flatMap(toVariantDocuments);
    const targets = await this.writeTargets();
    const current = new Set(variants.map((variant) => variant.doc_id));
    const stale = (
      await this.documentIds(
        targets,
        latest.map((document) => document.productId),
      )
    ).filter((id) => !current.has(id));
    await this.liveWrite(targets.flatMap((target) => [...indexOperations(target, variants), ...deleteOperations(target, stale)]));
  }

  async remove(productIds: readonly string[]): Promise<void> {
    await this.ensureIndex();
    if (productIds.length === 0) return;
    const targets = await this.writeTargets();
    const ids = await this.documentIds(targets, [...new Set(productIds)]);
    await this.liveWrite(targets.flatMap((target) => deleteOperations(target, ids)));
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    await this.ensureIndex();
    return toSearchResult(await this.client.search({ index: this.alias, ...buildSearchRequest(query) }, this.searchOptions()));
  }

  /** Product names completing the prefix; typo-tolerant only when nothing completes it exactly. */
  async suggest(prefix: string, limit: number): Promise<string[]> {
    const exact = buildSuggestRequest(prefix, limit);
    if (exact === undefined) return [];
    await this.ensureIndex();
    const names = toSuggestions(await this.client.search({ index: this.alias, ...exact }, this.searchOptions()));
    if (names.length > 0 || !allowsFuzzySuggest(prefix)) return names;
    const fuzzy = buildSuggestRequest(prefix, limit, { fuzzy: true });
    return toSuggestions(await this.client.search({ index: this.alias, ...fuzzy }, this.searchOptions()));
  }

  /**
   * Builds the next index version from `source` (with the current template,
   * so a changed mapping takes effect here), refreshes it, then swaps the alias
   * in one `updateAliases` call and deletes the versions it replaced. A version
   * left behind by a rebuild that died is deleted first. Documents written
   * through `index` during the rebuild win over the (older) ones from `source`.
   */
  async reindex(source: AsyncIterable<readonly SearchDocument[]>): Promise<{ indexed: number }> {
    if (this.reindexing) throw new Error("A search reindex is already running; wait for it to finish before starting another");
    this.reindexing = true;
    try {
      await this.ensureIndex();
      await this.putTemplate();
      const layout = await this.layout();
      if (layout.building.length > 0) await this.client.indices.delete({ index: layout.building.join(",") });
      const next = `${this.indexPrefix}${Math.max(0, ...layout.versions.values()) + 1}`;
      await this.client.indices.create({ index: next, aliases: { [this.nextAlias]: {} } });
      let indexed = 0;
      try {
        for await (const batch of source) {
          const operations = indexOperations(this.nextAlias, batch.flatMap(toVariantDocuments), { create: true });
          await this.write(operations, { refresh: false, tolerate: (item) => item.status === 409 });
          indexed += batch.length;
        }
        await this.client.indices.refresh({ index: next });
        await this.client.indices.updateAliases({
          actions: [
            ...layout.live.map((index) => ({ remove: { index, alias: this.alias } })),
            { add: { index: next, alias: this.alias } },
            { remove: { index: next, alias: this.nextAlias } },
          ],
        });
      } catch (error) {
        await this.client.indices.delete({ index: next }, { ignore: [404] }).catch(() => undefined);
        throw error;
      }
      const replaced = [...layout.versions.keys()].filter((index) => index !== next && !layout.building.includes(index));
      if (replaced.length > 0) await this.client.indices.delete({ index: replaced.join(",") }, { ignore: [404] });
      return { indexed };
    } finally {
      this.reindexing = false;
    }
  }

  /** Closes the client this index was given; for hosts whose client serves nothing else. */
  async close(): Promise<void> {
    await this.client.close();
  }

  private searchOptions() {
    return { requestTimeout: this.searchTimeoutMs };
  }

  private async createIndexIfMissing(): Promise<void> {
    await this.putTemplate();
    if (await this.client.indices.existsAlias({ name: this.alias })) return;
    const first = `${this.indexPrefix}1`;
    try {
      await this.client.indices.create({ index: first, aliases: { [this.alias]: {} } });
    } catch (error) {
      // Another process may have created it a moment earlier; anything else is a real problem.
      if (await this.client.indices.existsAlias({ name: this.alias })) return;
      throw new Error(`cannot create the search index ${first} behind the alias ${this.alias}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  private async putTemplate(): Promise<void> {
    await this.client.indices.putIndexTemplate({
      name: this.alias,
      index_patterns: [`${this.indexPrefix}*`],
      // Above the built-in templates, so ours decides the settings of these indices.
      priority: 200,
      // A write to a missing version must fail, never create an index with no alias.
      allow_auto_create: false,
      template: indexTemplate(),
      _meta: { description: "Emporium product search: one document per variant SKU" },
    });
  }

  /** The versions that exist (name → N), the ones behind the read alias and the one being built. */
  private async layout(): Promise<{ versions: Map<string, number>; live: string[]; building: string[] }> {
    const indices = await this.client.indices.getAlias({ index: `${this.indexPrefix}*` });
    const pattern = new RegExp(`^${this.indexPrefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\d+)$`);
    const versions = new Map<string, number>();
    const live: string[] = [];
    const building: string[] = [];
    for (const [index, { aliases = {} }] of Object.entries(indices)) {
      const match = pattern.exec(index);
      if (match === null) continue;
      versions.set(index, Number(match[1]));
      if (this.alias in aliases) live.push(index);
      if (this.nextAlias in aliases) building.push(index);
    }
    return { versions, live, building };
  }

  /** The read alias, and the next version's alias while a rebuild runs. */
  private async writeTargets(): Promise<string[]> {
    return (await this.client.indices.existsAlias({ name: this.nextAlias })) ? [this.alias, this.nextAlias] : [this.alias];
  }

  /** The ids of every document of these products in any of the targets. */
  private async documentIds(targets: readonly string[], productIds: readonly string[]): Promise<string[]> {
    const ids = new Set<string>();
    let after: estypes.SortResults | undefined;
    for (;;) {
      const response = await this.client.search({
        index: targets.join(","),
        ignore_unavailable: true,
        query: { terms: { product_id: [...productIds] } },
        _source: false,
        size: ID_PAGE,
        track_total_hits: false,
        // A copy of a document in the other target has the same key, so paging past ties loses no id.
        sort: [{ doc_id: "asc" }],
        ...(after === undefined ? {} : { search_after: after }),
      });
      const hits = response.hits.hits;
      for (const hit of hits) if (hit._id !== undefined && hit._id !== null) ids.add(hit._id);
      if (hits.length < ID_PAGE) return [...ids];
      after = hits.at(-1)?.sort;
    }
  }

  private async write(operations: readonly BulkOperation[], options: Pick<WriteBulkOptions, "refresh" | "tolerate">): Promise<void> {
    for (let start = 0; start < operations.length; start += this.batchSize) {
      await writeBulk(this.client, operations.slice(start, start + this.batchSize), {
        ...options,
        ...(this.retry === undefined ? {} : { retry: this.retry }),
      });
    }
  }

  /**
   * A live write may race a rebuild's alias swap: once the next alias is gone
   * its items fail, but the read alias already reaches the new version, so the
   * write landed where it belongs.
   */
  private readonly swappedAway = (item: estypes.BulkResponseItem): boolean => item.status === 404 && item._index === this.nextAlias;

  private liveWrite(operations: readonly BulkOperation[]): Promise<void> {
    return this.write(operations, { refresh: "wait_for", tolerate: this.swappedAway });
  }
}

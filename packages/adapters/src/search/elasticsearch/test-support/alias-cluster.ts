import { mockCluster, statusError, type RecordedRequest } from "./mock-cluster.js";

interface AliasAction {
  add?: { index: string; alias: string };
  remove?: { index: string; alias: string };
}

/**
 * A mock cluster that keeps just enough state for request-flow tests: which
 * indices exist, which aliases point where, and the ids of the documents bulk
 * wrote (so the lookups of a product's documents find them). Searches other
 * than those lookups answer with `searchReply`.
 */
export function aliasCluster(initial: Record<string, string[]> = {}) {
  const cluster = mockCluster();
  /** index → its aliases */
  const indices = new Map<string, Set<string>>(Object.entries(initial).map(([index, aliases]) => [index, new Set(aliases)]));
  /** index → document id → product id */
  const documents = new Map<string, Map<string, string>>();
  let searchReply: (request: RecordedRequest) => Record<string, unknown> = () => ({ hits: { hits: [] } });
  let bulkReply: ((request: RecordedRequest) => Record<string, unknown> | ReturnType<typeof statusError>) | undefined;

  const resolve = (name: string) => [...indices].filter(([index, aliases]) => index === name || aliases.has(name)).map(([index]) => index);
  const aliasExists = (name: string) => [...indices.values()].some((aliases) => aliases.has(name));

  cluster.on("PUT", "/_index_template/:name", () => ({ acknowledged: true }));
  cluster.on("HEAD", "/_alias/:name", (request) =>
    aliasExists(request.path.split("/")[2]!) ? {} : statusError(404, "aliases_not_found_exception"),
  );
  cluster.on("PUT", "/:index", (request) => {
    const index = request.path.slice(1);
    if (indices.has(index)) return statusError(400, "resource_already_exists_exception");
    const { aliases = {} } = request.body as { aliases?: Record<string, unknown> };
    indices.set(index, new Set(Object.keys(aliases)));
    return { acknowledged: true, shards_acknowledged: true, index };
  });
  cluster.on("GET", "/:index/_alias", () =>
    Object.fromEntries(
      [...indices].map(([index, aliases]) => [index, { aliases: Object.fromEntries([...aliases].map((alias) => [alias, {}])) }]),
    ),
  );
  cluster.on("POST", "/_aliases", (request) => {
    for (const action of (request.body as { actions: AliasAction[] }).actions) {
      if (action.add !== undefined) indices.get(action.add.index)?.add(action.add.alias);
      if (action.remove !== undefined) indices.get(action.remove.index)?.delete(action.remove.alias);
    }
    return { acknowledged: true };
  });
  cluster.on("DELETE", "/:index", (request) => {
    for (const index of request.path.slice(1).split(",")) {
      indices.delete(index);
      documents.delete(index);
    }
    return { acknowledged: true };
  });
  for (const method of ["GET", "POST"]) cluster.on(method, "/:index/_refresh", () => ({ _shards: { total: 1, successful: 1, failed: 0 } }));
  cluster.on("POST", "/_bulk", (request) => {
    if (bulkReply !== undefined) return bulkReply(request);
    const lines = request.body as Record<string, unknown>[];
    const items: Record<string, unknown>[] = [];
    for (let i = 0; i < lines.length; i += 1) {
      const [op, meta] = Object.entries(lines[i]!)[0] as [string, { _index: string; _id: string }];
      for (const index of resolve(meta._index)) {
        const stored = documents.get(index) ?? new Map<string, string>();
        if (op === "delete") stored.delete(meta._id);
        else stored.set(meta._id, (lines[i + 1] as { product_id: string }).product_id);
        documents.set(index, stored);
      }
      if (op !== "delete") i += 1;
      items.push({ [op]: { _index: meta._index, _id: meta._id, status: 200 } });
    }
    return { errors: false, took: 1, items };
  });
  cluster.on("POST", "/:index/_search", (request) => {
    const body = request.body as { query?: { terms?: { product_id?: string[] } } };
    const productIds = body.query?.terms?.product_id;
    if (productIds === undefined) return searchReply(request);
    const targets = request.path.split("/")[1]!.split(",").flatMap(resolve);
    const hits = targets.flatMap((index) =>
      [...(documents.get(index) ?? [])]
        .filter(([, productId]) => productIds.includes(productId))
        .map(([id]) => ({ _index: index, _id: id, sort: [id] })),
    );
    return { hits: { hits } };
  });

  return {
    ...cluster,
    /** Where each alias points now. */
    aliases: () => Object.fromEntries([...indices].map(([index, aliases]) => [index, [...aliases].sort()])),
    /** The ids stored in an index. */
    documentIds: (index: string) => [...(documents.get(index)?.keys() ?? [])].sort(),
    answerSearches(reply: (request: RecordedRequest) => Record<string, unknown>) {
      searchReply = reply;
    },
    answerBulk(reply: (request: RecordedRequest) => Record<string, unknown> | ReturnType<typeof statusError>) {
      bulkReply = reply;
    },
  };
}

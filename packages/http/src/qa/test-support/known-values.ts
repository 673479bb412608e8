import type { Parameter } from "./openapi-document.js";

const IDENTIFIER = /^(id|.+Id|sku|slug|code|number)$/;

/** What a path parameter can take: values read from the resource its path names, and every value of that kind. */
export interface KnownPool {
  readonly scoped: readonly string[];
  readonly all: readonly string[];
}

/**
 * Identifiers seen in responses (`id`, `sku`, `slug`, `code`…), so generated requests can name
 * real resources. Each value is remembered with the GET path that returned it: `{id}` in
 * `/v1/orders/{id}/pay` prefers the ids `GET /v1/orders` listed over every other id.
 */
export class KnownValues {
  private readonly all = new Map<string, Set<string>>();
  private readonly bySource = new Map<string, Map<string, Set<string>>>();
  private readonly excluded = new Set<string>();

  /** Remembers the identifiers of a response of `source` (a path template without a query). */
  add(json: unknown, source: string): void {
    this.collect(json);
    // The resources a response is about: the root object and the items of its top-level lists.
    const subjects =
      typeof json === "object" && json !== null && !Array.isArray(json) ? [json, ...Object.values(json).filter(Array.isArray).flat()] : [];
    for (const subject of subjects) {
      if (typeof subject !== "object" || subject === null) continue;
      for (const [key, value] of Object.entries(subject)) {
        if (IDENTIFIER.test(key) && (typeof value === "string" || typeof value === "number") && value !== "") {
          remember(this.sourceMap(source), key, String(value));
        }
      }
    }
  }

  /** Keeps values out of every pool (the callers' own ids, so no generated request disables them). */
  exclude(...values: string[]): void {
    for (const value of values) this.excluded.add(value);
  }

  /** Values for a path parameter of `path`. */
  forPath(param: Pick<Parameter, "name">, path: string): KnownPool {
    const key = /.Id$/.test(param.name) ? "id" : param.name;
    const prefix = path.slice(0, path.indexOf(`/{${param.name}}`));
    return { scoped: this.visible(this.bySource.get(prefix)?.get(key)), all: this.visible(this.all.get(key) ?? this.all.get(param.name)) };
  }

  /**
   * Values for a body field: `categoryId`/`categoryIds` take the ids that category paths
   * returned, `relatedProductIds` product ids, `sku` every SKU seen, `code` every code.
   */
  forField(name: string): string[] {
    const entity = /([A-Za-z]+?)Ids?$/.exec(name)?.[1];
    if (entity === undefined) return this.visible(this.all.get(name));
    const stem = (/[A-Z][a-z]+$/.exec(entity)?.[0] ?? entity).toLowerCase().replace(/y$/, "");
    const values = [...this.bySource]
      .filter(([source]) => (source.split("/").pop() ?? "").startsWith(stem))
      .flatMap(([, keys]) => [...(keys.get("id") ?? [])]);
    return this.visible(new Set(values));
  }

  private visible(values: Set<string> | undefined): string[] {
    return [...(values ?? [])].filter((value) => !this.excluded.has(value));
  }

  private sourceMap(source: string): Map<string, Set<string>> {
    const map = this.bySource.get(source) ?? new Map<string, Set<string>>();
    this.bySource.set(source, map);
    return map;
  }

  private collect(json: unknown): void {
    if (Array.isArray(json)) {
      for (const item of json) this.collect(item);
      return;
    }
    if (typeof json !== "object" || json === null) return;
    for (const [key, value] of Object.entries(json)) {
      if ((typeof value === "string" && value !== "") || typeof value === "number") {
        if (IDENTIFIER.test(key)) remember(this.all, key, String(value));
      } else {
        this.collect(value);
      }
    }
  }
}

function remember(map: Map<string, Set<string>>, key: string, value: string): void {
  const values = map.get(key) ?? new Set<string>();
  values.add(value);
  map.set(key, values);
}

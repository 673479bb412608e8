/** A cache of rebuildable values. Failures degrade to misses; they never throw to the caller. */
export interface Cache {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Current version of a namespace (e.g. `catalog`), part of every key in it. */
  version(namespace: string): Promise<number>;
  /** Invalidates a whole namespace by bumping its version. */
  bump(namespace: string): Promise<void>;
}

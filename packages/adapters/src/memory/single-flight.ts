/**
 * Collapses concurrent loads of one key into one: while a load for `key` is in
 * flight, every other caller gets the same promise instead of starting its own
 * (the stampede guard of cache-aside reads).
 */
export class SingleFlight {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  do<T>(key: string, loader: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running !== undefined) return running as Promise<T>;
    // Starting the loader on a later microtask guarantees the promise is registered before it can settle.
    const promise = Promise.resolve()
      .then(loader)
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  /** Keys with a load in flight. */
  get size(): number {
    return this.inFlight.size;
  }
}

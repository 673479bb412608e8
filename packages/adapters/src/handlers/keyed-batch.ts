/**
 * Merges requests for idempotent work on keys (products to reindex, customers to recount) into
 * runs over every key asked for meanwhile: the outbox delivers a batch of events at once, and one
 * run per batch replaces one per event. A run starts after the current turn of the event loop
 * (so events delivered together share it) and never overlaps another; each request resolves
 * after a run that started after it was made and covered its keys, and rejects when that run fails.
 */
export class KeyedBatch<K> {
  private pending = new Set<K>();
  private waiting: Deferred | null = null;
  private running = false;

  constructor(private readonly work: (keys: readonly K[]) => Promise<void>) {}

  request(keys: Iterable<K>): Promise<void> {
    for (const key of keys) this.pending.add(key);
    if (this.pending.size === 0) return Promise.resolve();
    if (this.waiting === null) {
      this.waiting = deferred();
      if (!this.running) setImmediate(() => void this.run());
    }
    return this.waiting.promise;
  }

  private async run(): Promise<void> {
    const keys = [...this.pending];
    const done = this.waiting;
    this.pending = new Set();
    this.waiting = null;
    if (done === null) return;
    this.running = true;
    try {
      await this.work(keys);
      done.resolve();
    } catch (error) {
      done.reject(error);
    } finally {
      this.running = false;
      if (this.waiting !== null) setImmediate(() => void this.run());
    }
  }
}

interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A rejection is the requesters' to handle; nobody may be waiting on this copy.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

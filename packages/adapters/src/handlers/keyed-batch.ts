/**
 * Merges requests for idempotent work on keys (products to reindex, customers to recount) into
 * runs over every key asked for meanwhile: the outbox delivers a batch of events at once, and one
 * run per batch replaces one per event. A run starts after the current turn of the event loop
 * (so events delivered together share it) and never overlaps another; each request resolves
 * after a run that started after it was made and covered its keys. When a shared run fails,
 * each of its requests is run again on its own, so one bad event fails alone and the others of
 * its batch are not retried (or parked) with it.
 */
export class KeyedBatch<K> {
  private requests: Request<K>[] = [];
  private scheduled = false;
  private running = false;

  constructor(private readonly work: (keys: readonly K[]) => Promise<void>) {}

  request(keys: Iterable<K>): Promise<void> {
    const request = { keys: [...keys], done: deferred() };
    if (request.keys.length === 0) return Promise.resolve();
    this.requests.push(request);
    if (!this.running) this.schedule();
    return request.done.promise;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.run());
  }

  private async run(): Promise<void> {
    this.scheduled = false;
    const requests = this.requests;
    this.requests = [];
    this.running = true;
    try {
      await this.work([...new Set(requests.flatMap((request) => request.keys))]);
      for (const request of requests) request.done.resolve();
    } catch (error) {
      if (requests.length === 1) requests[0]!.done.reject(error);
      else for (const request of requests) await this.runAlone(request);
    } finally {
      this.running = false;
      if (this.requests.length > 0) this.schedule();
    }
  }

  private async runAlone(request: Request<K>): Promise<void> {
    try {
      await this.work([...new Set(request.keys)]);
      request.done.resolve();
    } catch (error) {
      request.done.reject(error);
    }
  }
}

interface Request<K> {
  readonly keys: readonly K[];
  readonly done: Deferred;
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
  // A rejection is the requester's to handle; it may look only after other requests settled.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

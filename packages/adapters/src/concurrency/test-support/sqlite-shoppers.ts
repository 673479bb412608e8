import { Worker } from "node:worker_threads";
import type { ShopCommand, ShopReply } from "./shop-operations.js";
import type { ShopperCall, ShopperRequest, ShopperResponse } from "./shopper-worker.js";
import type { Shoppers } from "./shoppers.js";

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

const BOOTSTRAP = new URL("./tsx-worker.mjs", import.meta.url);
const ENTRY = new URL("./shopper-worker.ts", import.meta.url).href;

/**
 * Shoppers on worker threads, each with its own better-sqlite3 connection to one database file:
 * several connections really contend for SQLite's write lock, which one thread (one connection,
 * whose queries Kysely queues) never does.
 */
export class SqliteShoppers implements Shoppers {
  readonly #threads: ShopperThread[];

  private constructor(threads: ShopperThread[]) {
    this.#threads = threads;
  }

  /** Starts `count` threads (each loads the sources through tsx: about a second or two). */
  static start(count: number): SqliteShoppers {
    return new SqliteShoppers(Array.from({ length: count }, () => new ShopperThread()));
  }

  get count(): number {
    return this.#threads.length;
  }

  /** Points every thread at the database `url` (already migrated). */
  async open(url: string): Promise<void> {
    await Promise.all(this.#threads.map((thread) => thread.request({ kind: "open", url })));
  }

  /** Closes every thread's connection; the threads stay up for the next `open`. */
  async closeDatabase(): Promise<void> {
    await Promise.all(this.#threads.map((thread) => thread.request({ kind: "close" })));
  }

  async run<C extends ShopCommand>(shopper: number, command: C): Promise<ShopReply<C>> {
    const thread = this.#threads[shopper];
    if (thread === undefined) throw new RangeError(`there are ${this.#threads.length} shoppers, not ${shopper + 1}`);
    return (await thread.request({ kind: "run", command })) as ShopReply<C>;
  }

  async stop(): Promise<void> {
    await Promise.all(this.#threads.map((thread) => thread.stop()));
  }
}

class ShopperThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #failure: Error | null = null;

  constructor() {
    // The workspace packages must resolve to their sources here too, as they do under vitest.
    this.#worker = new Worker(BOOTSTRAP, { workerData: { entry: ENTRY }, execArgv: ["--conditions=@emporium/source"] });
    this.#worker.on("message", (response: ShopperResponse) => {
      const pending = this.#pending.get(response.id);
      this.#pending.delete(response.id);
      if (response.ok) pending?.resolve(response.value);
      else pending?.reject(new Error(`shopper thread: ${response.message}`));
    });
    this.#worker.on("error", (error) => this.#fail(error));
    this.#worker.on("exit", (code) => this.#fail(new Error(`shopper thread exited with code ${code}`)));
  }

  request(call: ShopperCall): Promise<unknown> {
    if (this.#failure !== null) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...call, id } satisfies ShopperRequest);
    });
  }

  async stop(): Promise<void> {
    if (this.#failure === null) await this.request({ kind: "close" }).catch(() => undefined);
    this.#failure ??= new Error("shopper thread stopped");
    await this.#worker.terminate();
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}

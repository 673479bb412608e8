import { AsyncLocalStorage } from "node:async_hooks";
import { createMemoryState, forkState, type MemoryState } from "./memory-state.js";
import { PromiseMutex } from "./promise-mutex.js";

/** How a repository reaches the state: inside a transaction (its draft) or outside (the committed state). */
export interface StateAccess {
  /** The state to read from. */
  read(): MemoryState;
  /**
   * Applies a synchronous change. Mutations check their constraints before changing anything,
   * so a refused write (a throw) leaves the state as it was.
   */
  write<T>(mutate: (state: MemoryState) => T): Promise<T>;
}

interface TransactionScope {
  open: boolean;
}

/**
 * The in-memory database: the committed state plus a write lock. A transaction works on a
 * fork of the state and swaps it in on commit; writers are serialized, so every interleaving
 * behaves like a database with serializable writers. Readers outside a transaction see the
 * last commit.
 */
export class MemoryStore {
  readonly state: MemoryState;
  private readonly lock = new PromiseMutex();
  private readonly scope = new AsyncLocalStorage<TransactionScope>();

  constructor(state: MemoryState = createMemoryState()) {
    this.state = state;
  }

  /** Outside any transaction: each write is a transaction of its own. */
  readonly committed: StateAccess = {
    read: () => this.state,
    write: (mutate) => {
      this.refuseInsideTransaction("a write through repositories outside the transaction");
      return this.lock.runExclusive(async () => mutate(this.state));
    },
  };

  /** Runs `work` on a fork of the state; commits it when `shouldCommit(result)`, drops it otherwise or on a throw. */
  async transaction<T>(work: (access: StateAccess) => Promise<T>, shouldCommit: (result: T) => boolean): Promise<T> {
    this.refuseInsideTransaction("a nested transaction");
    return this.lock.runExclusive(async () => {
      const draft = forkState(this.state);
      const scope: TransactionScope = { open: true };
      const access: StateAccess = {
        read: () => {
          assertOpen(scope);
          return draft;
        },
        write: async (mutate) => {
          assertOpen(scope);
          return mutate(draft);
        },
      };
      try {
        const result = await this.scope.run(scope, () => work(access));
        if (shouldCommit(result)) Object.assign(this.state, draft);
        return result;
      } finally {
        scope.open = false;
      }
    });
  }

  // The write lock is held by the enclosing transaction, so waiting for it would hang forever.
  private refuseInsideTransaction(what: string): void {
    if (this.scope.getStore()?.open === true) {
      throw new Error(`${what} was started inside UnitOfWork.run and would deadlock; use the repositories passed to the work function`);
    }
  }
}

function assertOpen(scope: TransactionScope): void {
  if (!scope.open) throw new Error("this transaction has already finished; its repositories cannot be used any more");
}

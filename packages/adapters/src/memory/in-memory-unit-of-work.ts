import type { Repositories, Result, UnitOfWork } from "@emporium/domain";
import { createInMemoryRepositories } from "./in-memory-repositories.js";
import type { MemoryStore } from "./memory-store.js";

/**
 * Transactions over a `MemoryStore`: `work` sees its own writes, nobody else sees them until
 * it returns ok, and an error result or a throw discards all of them (outbox appends included).
 * Runs are serialized, so concurrent checkouts behave like serializable database writers.
 */
export class InMemoryUnitOfWork implements UnitOfWork {
  constructor(private readonly store: MemoryStore) {}

  run<T, E>(work: (tx: Repositories) => Promise<Result<T, E>>): Promise<Result<T, E>> {
    return this.store.transaction(
      (access) => work(createInMemoryRepositories(access)),
      (result) => result.ok,
    );
  }
}

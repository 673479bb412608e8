import type { Repositories, UnitOfWork } from "@emporium/domain";
import type { InMemoryOutbox } from "./in-memory-outbox.js";
import { createInMemoryRepositories } from "./in-memory-repositories.js";
import { InMemoryUnitOfWork } from "./in-memory-unit-of-work.js";
import type { MemoryState } from "./memory-state.js";
import { MemoryStore } from "./memory-store.js";

export interface InMemoryPersistence {
  readonly uow: UnitOfWork;
  /** Reads the committed state; each write through them is a transaction of its own. */
  readonly repos: Repositories;
  /** The committed outbox, for the in-process relay and tests. */
  readonly outbox: InMemoryOutbox;
  /** The committed tables, for assertions in tests. */
  readonly state: MemoryState;
}

/** A fresh in-memory database with its unit of work and repositories. */
export function createInMemoryPersistence(): InMemoryPersistence {
  const store = new MemoryStore();
  const repos = createInMemoryRepositories(store.committed);
  return { uow: new InMemoryUnitOfWork(store), repos, outbox: repos.outbox, state: store.state };
}

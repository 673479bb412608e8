import type { Repositories, UnitOfWork } from "@emporium/domain";
import { afterAll, beforeAll } from "vitest";

/** One fresh store behind the ports, as a contract suite sees it. */
export interface PersistenceHarness {
  readonly uow: UnitOfWork;
  /** Repositories outside any transaction (each write commits on its own). */
  readonly repos: Repositories;
  /** Ids of the committed outbox events, oldest first. */
  outboxEventIds(): Promise<string[]>;
  close(): Promise<void>;
}

export type CreateHarness = () => Promise<PersistenceHarness>;

/** A contract suite: declares describe/it blocks against stores made by `create`. */
export type ContractSuite = (create: CreateHarness) => void;

/**
 * Opens one store for the enclosing describe block and closes it afterwards. Tests share it,
 * so each test works on rows with ids of its own (see `uid`).
 */
export function useHarness(create: CreateHarness): () => PersistenceHarness {
  let harness: PersistenceHarness | undefined;
  beforeAll(async () => {
    harness = await create();
  });
  afterAll(async () => {
    await harness?.close();
  });
  return () => {
    if (harness === undefined) throw new Error("the store is not open yet: use it inside it() blocks");
    return harness;
  };
}

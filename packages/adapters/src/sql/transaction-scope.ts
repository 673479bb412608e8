import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What the current unit of work holds: the units of work running in this async context and
 * the SQLite drivers whose single connection they own. A query that would wait for a
 * connection this very context holds would wait forever, so it fails fast instead.
 */
export const transactionScope = new AsyncLocalStorage<Set<object>>();

/** Runs `work` with `holder` added to the scope. */
export function runHolding<T>(holder: object, work: () => Promise<T>): Promise<T> {
  const held = new Set(transactionScope.getStore());
  held.add(holder);
  return transactionScope.run(held, work);
}

/** Whether the current async context holds `holder`. */
export const isHeld = (holder: object): boolean => transactionScope.getStore()?.has(holder) === true;

import type { Order } from "../orders/order.js";
import type { Repositories } from "../ports/unit-of-work.js";

/** Another writer changed a row this transaction depends on; running the whole unit of work again resolves it. */
export class ConcurrentUpdateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConcurrentUpdateError";
  }
}

/** Saves an order changed by `applyOrderEvent`; throws ConcurrentUpdateError when someone saved it first. */
export async function saveOrder(tx: Pick<Repositories, "orders">, order: Order): Promise<void> {
  if (!(await tx.orders.update(order))) {
    throw new ConcurrentUpdateError(`order ${order.id} was changed by someone else (expected version ${order.version - 1})`);
  }
}

/** Runs `attempt` (one unit of work) again when it lost a race, up to `times` runs in all. */
export async function retryOnConflict<T>(attempt: () => Promise<T>, times = 3): Promise<T> {
  for (let run = 1; ; run++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || run >= times) throw error;
    }
  }
}

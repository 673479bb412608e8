import { runShopCommand, type ShopCommand, type ShopContext, type ShopReply } from "./shop-operations.js";

/** Several shoppers working on one store at the same time. */
export interface Shoppers {
  readonly count: number;
  /** Runs `command` as shopper number `shopper` (0-based). */
  run<C extends ShopCommand>(shopper: number, command: C): Promise<ShopReply<C>>;
}

/**
 * Shoppers in this process sharing one context: on PostgreSQL its pool already gives every
 * checkout in flight a connection (and transaction) of its own, so this is real concurrency.
 */
export class InProcessShoppers implements Shoppers {
  constructor(
    private readonly context: ShopContext,
    readonly count: number,
  ) {}

  run<C extends ShopCommand>(_shopper: number, command: C): Promise<ShopReply<C>> {
    return runShopCommand(this.context, command);
  }
}

/** Deals `items` round-robin to every shopper, runs all of them at once, and returns the replies in shopper order. */
export async function everyShopper<T, R>(
  shoppers: Shoppers,
  items: readonly T[],
  run: (shopper: number, share: T[]) => Promise<R[]>,
): Promise<R[]> {
  const shares = Array.from({ length: shoppers.count }, (): T[] => []);
  items.forEach((item, index) => shares[index % shoppers.count]?.push(item));
  const replies = await Promise.all(shares.map((share, shopper) => (share.length === 0 ? Promise.resolve([]) : run(shopper, share))));
  return replies.flat();
}

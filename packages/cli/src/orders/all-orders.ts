import type { ListOrders, Order, OrderStatus } from "@emporium/domain";

/** Every order (of `status`, when given), newest first, read a page at a time. */
export async function* allOrders(list: Pick<ListOrders, "execute">, status?: OrderStatus, limit = Infinity): AsyncGenerator<Order> {
  let cursor: string | null = null;
  let yielded = 0;
  do {
    const page = await list.execute({ limit: 100, cursor, ...(status === undefined ? {} : { status }) });
    if (!page.ok) throw new Error("listing orders failed");
    for (const order of page.value.items) {
      if (yielded >= limit) return;
      yielded += 1;
      yield order;
    }
    cursor = page.value.nextCursor;
  } while (cursor !== null);
}

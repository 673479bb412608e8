import type { OrderStatus, RecommendationRepository } from "@emporium/domain";
import type { StateAccess } from "./memory-store.js";

// Orders that reached payment; a later refund does not undo that they were bought together.
const BOUGHT: ReadonlySet<OrderStatus> = new Set(["paid", "shipped", "delivered", "refunded"]);

/**
 * Bought-together counts computed from the orders on every read: with no worker in an embedded
 * in-memory shop, the counts are always current. The SQL adapter reads a table a job keeps.
 */
export class InMemoryRecommendationRepository implements RecommendationRepository {
  constructor(private readonly access: StateAccess) {}

  async boughtTogether(productId: string, limit: number): Promise<string[]> {
    const counts = new Map<string, number>();
    for (const order of this.access.read().orders.values()) {
      if (!BOUGHT.has(order.status)) continue;
      const products = new Set(order.lines.map((line) => line.productId));
      if (!products.has(productId)) continue;
      for (const other of products) if (other !== productId) counts.set(other, (counts.get(other) ?? 0) + 1);
    }
    return [...counts]
      .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, limit)
      .map(([id]) => id);
  }
}

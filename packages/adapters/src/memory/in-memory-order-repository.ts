import type { Order, OrderListQuery, OrderRepository, OrderStatus, Page } from "@emporium/domain";
import { copy } from "./memory-state.js";
import { paginate } from "./memory-page.js";
import type { StateAccess } from "./memory-store.js";

export class InMemoryOrderRepository implements OrderRepository {
  constructor(private readonly access: StateAccess) {}

  async findById(id: string): Promise<Order | null> {
    const order = this.access.read().orders.get(id);
    return order === undefined ? null : copy(order);
  }

  async findByPaymentId(paymentId: string): Promise<Order | null> {
    return this.findWhere((o) => o.payment.paymentId === paymentId);
  }

  async findByReservationId(reservationId: string): Promise<Order | null> {
    return this.findWhere((o) => o.reservationId === reservationId);
  }

  async list(query: OrderListQuery): Promise<Page<Order>> {
    const matches = [...this.access.read().orders.values()].filter(
      (o) =>
        (query.customerId === undefined || o.customerId === query.customerId) && (query.status === undefined || o.status === query.status),
    );
    const page = paginate(matches, { key: (o) => [o.createdAt.getTime(), o.id], descending: [true, true] }, query);
    return { items: page.items.map(copy), nextCursor: page.nextCursor };
  }

  async nextNumber(): Promise<string> {
    return this.access.write((state) => {
      state.sequences.orderNumber += 1;
      return `EM-${String(state.sequences.orderNumber).padStart(6, "0")}`;
    });
  }

  async insert(order: Order): Promise<void> {
    await this.access.write((state) => {
      if (state.orders.has(order.id)) throw new Error(`unique constraint: order ${order.id} exists`);
      for (const other of state.orders.values()) {
        if (other.number === order.number) throw new Error(`unique constraint: order number ${order.number} is taken`);
      }
      state.orders.set(order.id, copy(order));
    });
  }

  async update(order: Order): Promise<boolean> {
    return this.access.write((state) => {
      const stored = state.orders.get(order.id);
      if (stored === undefined || stored.version !== order.version - 1) return false;
      state.orders.set(order.id, copy(order));
      return true;
    });
  }

  async hasPurchased(customerId: string, productId: string, statuses: readonly OrderStatus[]): Promise<boolean> {
    return [...this.access.read().orders.values()].some(
      (o) => o.customerId === customerId && statuses.includes(o.status) && o.lines.some((line) => line.productId === productId),
    );
  }

  private async findWhere(predicate: (order: Order) => boolean): Promise<Order | null> {
    const order = [...this.access.read().orders.values()].find(predicate);
    return order === undefined ? null : copy(order);
  }
}

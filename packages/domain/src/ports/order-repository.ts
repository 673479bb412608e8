import type { Order, OrderStatus } from "../orders/order.js";
import type { Page, PageRequest } from "./page.js";

export interface OrderListQuery extends PageRequest {
  readonly customerId?: string;
  readonly status?: OrderStatus;
}

export interface OrderRepository {
  findById(id: string): Promise<Order | null>;
  findByPaymentId(paymentId: string): Promise<Order | null>;
  findByReservationId(reservationId: string): Promise<Order | null>;
  /** Newest first. */
  list(query: OrderListQuery): Promise<Page<Order>>;
  /** A new human-facing order number, unique and increasing (e.g. `EM-000042`). */
  nextNumber(): Promise<string>;
  insert(order: Order): Promise<void>;
  /**
   * Saves `order` (whose `version` is the stored version + 1) only if the stored
   * version is still `order.version - 1`. Returns false when someone else saved first.
   */
  update(order: Order): Promise<boolean>;
  /** Whether `customerId` has an order in `status` containing `productId`. */
  hasPurchased(customerId: string, productId: string, statuses: readonly OrderStatus[]): Promise<boolean>;
}

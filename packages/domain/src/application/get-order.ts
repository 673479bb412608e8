import { err, notFound, ok, type NotFoundError, type Result } from "../errors.js";
import type { Order } from "../orders/order.js";
import type { AppDeps } from "./context.js";

export interface GetOrderInput {
  readonly orderId: string;
  /** Set for a customer: anyone else's order is reported as not found. Absent for admins. */
  readonly customerId?: string;
}

/** One order, as its owner or an admin sees it. */
export class GetOrder {
  constructor(private readonly deps: Pick<AppDeps, "repos">) {}

  async execute(input: GetOrderInput): Promise<Result<Order, NotFoundError>> {
    const order = await this.deps.repos.orders.findById(input.orderId);
    if (order === null || (input.customerId !== undefined && order.customerId !== input.customerId))
      return err(notFound("order", input.orderId));
    return ok(order);
  }
}

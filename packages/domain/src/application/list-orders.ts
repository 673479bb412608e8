import { ok, type Result } from "../errors.js";
import type { Order, OrderStatus } from "../orders/order.js";
import type { Page } from "../ports/page.js";
import type { AppDeps } from "./context.js";
import { pageLimit } from "./page-limit.js";

export interface ListOrdersInput {
  /** Set for a customer (their orders only); absent for admins (everyone's). */
  readonly customerId?: string;
  readonly status?: OrderStatus;
  /** 1..100, default 20. */
  readonly limit?: number;
  readonly cursor?: string | null;
}

/** Orders newest first, one cursor page at a time. */
export class ListOrders {
  constructor(private readonly deps: Pick<AppDeps, "repos">) {}

  async execute(input: ListOrdersInput): Promise<Result<Page<Order>, never>> {
    return ok(
      await this.deps.repos.orders.list({
        limit: pageLimit(input.limit),
        cursor: input.cursor ?? null,
        ...(input.customerId === undefined ? {} : { customerId: input.customerId }),
        ...(input.status === undefined ? {} : { status: input.status }),
      }),
    );
  }
}

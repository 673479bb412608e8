import { err, ok, type ForbiddenError, type Result } from "../errors.js";
import type { Page } from "../ports/page.js";
import { authorize } from "./authorize.js";
import type { Actor, AppDeps } from "./context.js";
import { toCustomerView, type CustomerView } from "./customer-view.js";
import { pageLimit } from "./page-limit.js";

export interface ListCustomersInput {
  readonly actor: Actor;
  readonly limit?: number;
  readonly cursor?: string | null;
}

/** Admin: every customer account, one page at a time. */
export class ListCustomers {
  constructor(private readonly deps: Pick<AppDeps, "repos">) {}

  async execute(input: ListCustomersInput): Promise<Result<Page<CustomerView>, ForbiddenError>> {
    const denied = authorize(input.actor, "customers:manage");
    if (denied !== null) return err(denied);
    const page = await this.deps.repos.customers.list({ limit: pageLimit(input.limit), cursor: input.cursor ?? null });
    return ok({ items: page.items.map(toCustomerView), nextCursor: page.nextCursor });
  }
}

import { err, notFound, ok, type NotFoundError, type Result } from "../errors.js";
import type { AppDeps } from "./context.js";
import { toCustomerView, type CustomerView } from "./customer-view.js";

export interface GetProfileInput {
  readonly customerId: string;
}

/** The signed-in customer's own account. */
export class GetProfile {
  constructor(private readonly deps: Pick<AppDeps, "repos">) {}

  async execute(input: GetProfileInput): Promise<Result<CustomerView, NotFoundError>> {
    const customer = await this.deps.repos.customers.findById(input.customerId);
    if (customer === null) return err(notFound("customer", input.customerId));
    return ok(toCustomerView(customer));
  }
}

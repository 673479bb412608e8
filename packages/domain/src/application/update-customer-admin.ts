import type { Role } from "../customers/customer.js";
import { err, invalid, notFound, ok, type ForbiddenError, type InvalidInputError, type NotFoundError, type Result } from "../errors.js";
import { authorize } from "./authorize.js";
import type { AppDeps } from "./context.js";
import { toCustomerView, type CustomerView } from "./customer-view.js";
import { recordAdminChange, type AdminCommand } from "./record-admin-change.js";

export interface UpdateCustomerAdminInput extends AdminCommand {
  readonly customerId: string;
  readonly role?: Role;
  readonly disabled?: boolean;
}

/**
 * Admin: changes a customer's role or disables the account. Disabling revokes every refresh
 * token, so the customer is out once the current access token expires. An admin cannot demote
 * or disable themselves, which would risk leaving the shop without an admin.
 */
export class UpdateCustomerAdmin {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "clock" | "ids">) {}

  async execute(input: UpdateCustomerAdminInput): Promise<Result<CustomerView, InvalidInputError | NotFoundError | ForbiddenError>> {
    const denied = authorize(input.actor, "customers:manage");
    if (denied !== null) return err(denied);
    if (input.actor.id === input.customerId && (input.role === "customer" || input.disabled === true)) {
      return err(
        invalid({
          path: input.disabled === true ? "disabled" : "role",
          message: "you cannot demote or disable your own account; ask another admin",
        }),
      );
    }
    return this.deps.uow.run(async (tx): Promise<Result<CustomerView, NotFoundError>> => {
      const customer = await tx.customers.findById(input.customerId);
      if (customer === null) return err(notFound("customer", input.customerId));
      const now = this.deps.clock.now();
      const updated = { ...customer, role: input.role ?? customer.role, disabled: input.disabled ?? customer.disabled, updatedAt: now };
      await tx.customers.update(updated);
      if (updated.disabled && !customer.disabled) await tx.authTokens.revokeAllForCustomer(customer.id, now);
      await recordAdminChange(tx, this.deps, input, {
        action: "customer.update",
        entityType: "customer",
        entityId: customer.id,
        before: { role: customer.role, disabled: customer.disabled },
        after: { role: updated.role, disabled: updated.disabled },
      });
      return ok(toCustomerView(updated));
    });
  }
}

import { normalizeEmail, validateEmail, validatePassword } from "../customers/customer-rules.js";
import type { Customer } from "../customers/customer.js";
import { err, invalid, ok, type InvalidInputError, type Result } from "../errors.js";
import { SYSTEM_ACTOR, type AppDeps } from "./context.js";
import { toCustomerView, type CustomerView } from "./customer-view.js";
import { recordAdminChange } from "./record-admin-change.js";
import { validateName } from "./validate-name.js";

export interface CreateAdminInput {
  readonly email: string;
  readonly password: string;
  readonly name: string;
}

export interface CreateAdminResult {
  readonly customer: CustomerView;
  /** false when an existing account was promoted (its password and name are kept). */
  readonly created: boolean;
}

/**
 * Creates an admin account, or promotes (and re-enables) the existing account with that email.
 * Used by the CLI to bootstrap a shop, so it runs as the system actor.
 */
export class CreateAdmin {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "hasher" | "clock" | "ids">) {}

  async execute(input: CreateAdminInput): Promise<Result<CreateAdminResult, InvalidInputError>> {
    const issues = [...validateEmail(input.email), ...validatePassword(input.password), ...validateName(input.name, "name")];
    if (issues.length > 0) return err(invalid(...issues));
    const email = normalizeEmail(input.email);
    const passwordHash = await this.deps.hasher.hash(input.password);

    return this.deps.uow.run(async (tx): Promise<Result<CreateAdminResult, never>> => {
      const now = this.deps.clock.now();
      const existing = await tx.customers.findByEmail(email);
      if (existing !== null) {
        const promoted = { ...existing, role: "admin" as const, disabled: false, updatedAt: now };
        await tx.customers.update(promoted);
        await recordAdminChange(
          tx,
          this.deps,
          { actor: SYSTEM_ACTOR },
          {
            action: "customer.promote",
            entityType: "customer",
            entityId: existing.id,
            before: { role: existing.role, disabled: existing.disabled },
            after: { role: promoted.role, disabled: promoted.disabled },
          },
        );
        return ok({ customer: toCustomerView(promoted), created: false });
      }
      const admin: Customer = {
        id: this.deps.ids.next(),
        email,
        name: input.name.trim(),
        phone: null,
        addresses: [],
        passwordHash,
        role: "admin",
        disabled: false,
        createdAt: now,
        updatedAt: now,
      };
      // Only a registration of the same email in the last instant makes this fail; rerunning promotes that account.
      if (!(await tx.customers.insert(admin)))
        throw new Error(`${email} was registered while the admin was being created; run the command again to promote it`);
      await recordAdminChange(
        tx,
        this.deps,
        { actor: SYSTEM_ACTOR },
        {
          action: "customer.create_admin",
          entityType: "customer",
          entityId: admin.id,
          before: null,
          after: { email, role: admin.role },
        },
      );
      return ok({ customer: toCustomerView(admin), created: true });
    });
  }
}

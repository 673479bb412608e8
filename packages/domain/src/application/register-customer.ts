import { normalizeEmail, validateEmail, validatePassword } from "../customers/customer-rules.js";
import type { Customer } from "../customers/customer.js";
import { err, invalid, ok, type EmailTakenError, type InvalidInputError, type Result } from "../errors.js";
import { createEvent } from "../events/create-event.js";
import type { AppDeps } from "./context.js";
import { toCustomerView, type CustomerView } from "./customer-view.js";
import { issueSession, type Session } from "./issue-session.js";
import { validateName } from "./validate-name.js";

export interface RegisterCustomerInput {
  readonly email: string;
  readonly password: string;
  readonly name: string;
}

/** A session together with the customer it belongs to. */
export interface AuthenticatedCustomer extends Session {
  readonly customer: CustomerView;
}

/** Creates a customer account and logs it in. */
export class RegisterCustomer {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "hasher" | "tokens" | "clock" | "ids" | "settings">) {}

  async execute(input: RegisterCustomerInput): Promise<Result<AuthenticatedCustomer, InvalidInputError | EmailTakenError>> {
    const issues = [...validateEmail(input.email), ...validatePassword(input.password), ...validateName(input.name, "name")];
    if (issues.length > 0) return err(invalid(...issues));

    // Hash outside the transaction: argon2 takes tens of milliseconds and must not hold a write lock.
    const passwordHash = await this.deps.hasher.hash(input.password);
    const now = this.deps.clock.now();
    const customer: Customer = {
      id: this.deps.ids.next(),
      email: normalizeEmail(input.email),
      name: input.name.trim(),
      phone: null,
      addresses: [],
      passwordHash,
      role: "customer",
      disabled: false,
      createdAt: now,
      updatedAt: now,
    };
    return this.deps.uow.run(async (tx): Promise<Result<AuthenticatedCustomer, EmailTakenError>> => {
      if (!(await tx.customers.insert(customer))) {
        return err({
          code: "customer.email_taken",
          message: `An account with ${customer.email} already exists; log in or reset the password.`,
        });
      }
      await tx.outbox.append([
        createEvent(
          "customer.registered",
          { customerId: customer.id, email: customer.email, name: customer.name },
          { id: this.deps.ids.next(), now },
        ),
      ]);
      const session = await issueSession(tx, this.deps, customer);
      return ok({ customer: toCustomerView(customer), ...session });
    });
  }
}

import { normalizeEmail } from "../customers/customer-rules.js";
import { err, ok, type Result, type UnauthenticatedError } from "../errors.js";
import type { AppDeps } from "./context.js";
import { toCustomerView } from "./customer-view.js";
import { issueSession } from "./issue-session.js";
import type { AuthenticatedCustomer } from "./register-customer.js";
import { unauthenticated } from "./unauthenticated.js";

export interface AuthenticateCustomerInput {
  readonly email: string;
  readonly password: string;
}

const WRONG_CREDENTIALS = "The email or password is wrong.";

/**
 * Logs a customer in with email and password. An unknown email, a wrong password and a disabled
 * account fail alike, and an unknown email still costs one hash verification, so neither the
 * answer nor its timing tells whether an account exists.
 */
export class AuthenticateCustomer {
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly deps: Pick<AppDeps, "uow" | "repos" | "hasher" | "tokens" | "clock" | "ids" | "settings">) {}

  async execute(input: AuthenticateCustomerInput): Promise<Result<AuthenticatedCustomer, UnauthenticatedError>> {
    const customer = await this.deps.repos.customers.findByEmail(normalizeEmail(input.email));
    const hash = customer?.passwordHash ?? (await this.hashOfNoPassword());
    const matches = await this.deps.hasher.verify(hash, input.password);
    if (customer === null || !matches || customer.disabled) return err(unauthenticated(WRONG_CREDENTIALS));

    return this.deps.uow.run(async (tx) => {
      const session = await issueSession(tx, this.deps, customer);
      return ok({ customer: toCustomerView(customer), ...session });
    });
  }

  private hashOfNoPassword(): Promise<string> {
    this.dummyHash ??= this.deps.hasher.hash(`no-account-${this.deps.tokens.randomToken()}`);
    return this.dummyHash;
  }
}

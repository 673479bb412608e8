import { validatePassword } from "../customers/customer-rules.js";
import { err, invalid, ok, type InvalidInputError, type Result } from "../errors.js";
import type { PasswordResetRecord } from "../ports/auth-token-repository.js";
import type { AppDeps } from "./context.js";

export interface ConfirmPasswordResetInput {
  readonly token: string;
  readonly newPassword: string;
}

const BAD_TOKEN = invalid({ path: "token", message: "is invalid, expired or already used; request a new password reset" });

/**
 * Sets a new password with a reset token. The token works once and only before it expires;
 * every refresh token of the customer is revoked, so a stolen session ends with the reset.
 */
export class ConfirmPasswordReset {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "repos" | "hasher" | "tokens" | "clock">) {}

  async execute(input: ConfirmPasswordResetInput): Promise<Result<void, InvalidInputError>> {
    const issues = validatePassword(input.newPassword).map((issue) => ({ ...issue, path: "newPassword" }));
    if (issues.length > 0) return err(invalid(...issues));

    const tokenHash = this.deps.tokens.hashToken(input.token);
    // A cheap look-up first, so a bad token never costs a password hash.
    if (!this.usable(await this.deps.repos.authTokens.findPasswordResetByHash(tokenHash))) return err(BAD_TOKEN);
    const passwordHash = await this.deps.hasher.hash(input.newPassword);

    return this.deps.uow.run(async (tx): Promise<Result<void, InvalidInputError>> => {
      const now = this.deps.clock.now();
      const record = await tx.authTokens.findPasswordResetByHash(tokenHash);
      if (record === null || !this.usable(record)) return err(BAD_TOKEN);
      const customer = await tx.customers.findById(record.customerId);
      if (customer === null || customer.disabled) return err(BAD_TOKEN);
      if (!(await tx.authTokens.markPasswordResetUsed(record.id, now))) return err(BAD_TOKEN);
      await tx.customers.update({ ...customer, passwordHash, updatedAt: now });
      await tx.authTokens.revokeAllForCustomer(customer.id, now);
      return ok(undefined);
    });
  }

  private usable(record: PasswordResetRecord | null): record is PasswordResetRecord {
    return record !== null && record.usedAt === null && record.expiresAt.getTime() > this.deps.clock.now().getTime();
  }
}

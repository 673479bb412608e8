import { normalizeEmail } from "../customers/customer-rules.js";
import { ok, type Result } from "../errors.js";
import { createEvent } from "../events/create-event.js";
import type { AppDeps } from "./context.js";

export interface RequestPasswordResetInput {
  readonly email: string;
}

/**
 * Starts a password reset. The answer is the same whether or not the account exists; for an
 * existing, enabled account a single-use token is stored (hashed) and a `password_reset.requested`
 * event carries it to the notification handler, which mails it. The token is never returned.
 */
export class RequestPasswordReset {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "tokens" | "clock" | "ids" | "settings">) {}

  async execute(input: RequestPasswordResetInput): Promise<Result<void, never>> {
    const email = normalizeEmail(input.email);
    return this.deps.uow.run(async (tx) => {
      const customer = await tx.customers.findByEmail(email);
      if (customer === null || customer.disabled) return ok(undefined);
      const now = this.deps.clock.now();
      const token = this.deps.tokens.randomToken();
      await tx.authTokens.insertPasswordReset({
        id: this.deps.ids.next(),
        customerId: customer.id,
        tokenHash: this.deps.tokens.hashToken(token),
        expiresAt: new Date(now.getTime() + this.deps.settings.passwordResetTtlSeconds * 1000),
        usedAt: null,
        createdAt: now,
      });
      await tx.outbox.append([
        createEvent(
          "password_reset.requested",
          { customerId: customer.id, email: customer.email, token },
          { id: this.deps.ids.next(), now },
        ),
      ]);
      return ok(undefined);
    });
  }
}

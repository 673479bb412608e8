import { err, ok, type Result, type UnauthenticatedError } from "../errors.js";
import type { AppDeps } from "./context.js";
import { issueSession, type Session } from "./issue-session.js";
import { unauthenticated } from "./unauthenticated.js";

export interface RefreshSessionInput {
  readonly refreshToken: string;
}

type Outcome = { readonly kind: "issued"; readonly session: Session } | { readonly kind: "refused" };

/**
 * Trades a refresh token for a new session (rotation). Each refresh token works once: presenting
 * one that was already used — a replay by whoever stole it, or by the victim after the thief —
 * revokes its whole family, which logs both out. Losing the race of two simultaneous refreshes
 * with the same token counts as such a reuse.
 */
export class RefreshSession {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "tokens" | "clock" | "ids" | "settings">) {}

  async execute(input: RefreshSessionInput): Promise<Result<Session, UnauthenticatedError>> {
    const tokenHash = this.deps.tokens.hashToken(input.refreshToken);
    const now = this.deps.clock.now();
    // The family revocation must commit even though the caller is refused, so refusals are ok
    // outcomes of the unit of work and become errors only after it.
    const outcome = await this.deps.uow.run(async (tx): Promise<Result<Outcome, never>> => {
      const record = await tx.authTokens.findRefreshTokenByHash(tokenHash);
      if (record === null || record.revokedAt !== null || record.expiresAt.getTime() <= now.getTime()) return ok({ kind: "refused" });
      const customer = await tx.customers.findById(record.customerId);
      const firstUse = record.usedAt === null && (await tx.authTokens.markRefreshTokenUsed(record.id, now));
      if (!firstUse || customer === null || customer.disabled) {
        await tx.authTokens.revokeFamily(record.familyId, now);
        return ok({ kind: "refused" });
      }
      return ok({ kind: "issued", session: await issueSession(tx, this.deps, customer, record.familyId) });
    });
    if (!outcome.ok || outcome.value.kind === "refused")
      return err(unauthenticated("The refresh token is invalid, expired or already used; log in again."));
    return ok(outcome.value.session);
  }
}

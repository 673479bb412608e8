import type { Customer } from "../customers/customer.js";
import type { Repositories } from "../ports/unit-of-work.js";
import type { AppDeps } from "./context.js";

/** What a client holds after logging in: a short-lived access token and a rotating refresh token. */
export interface Session {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Lifetime of the access token in seconds. */
  readonly expiresIn: number;
}

export type IssueSessionDeps = Pick<AppDeps, "tokens" | "clock" | "ids" | "settings">;

/**
 * Issues an access token and a new refresh token for `customer`, inside the caller's transaction.
 * Only the refresh token's hash is stored. A login starts a new family; a rotation passes the
 * family of the token it replaces, so a later reuse of any old token can revoke them all.
 */
export async function issueSession(tx: Repositories, deps: IssueSessionDeps, customer: Customer, familyId?: string): Promise<Session> {
  const now = deps.clock.now();
  const refreshToken = deps.tokens.randomToken();
  await tx.authTokens.insertRefreshToken({
    id: deps.ids.next(),
    familyId: familyId ?? deps.ids.next(),
    customerId: customer.id,
    tokenHash: deps.tokens.hashToken(refreshToken),
    expiresAt: new Date(now.getTime() + deps.settings.refreshTokenTtlSeconds * 1000),
    usedAt: null,
    revokedAt: null,
    createdAt: now,
  });
  const access = await deps.tokens.issueAccessToken({ sub: customer.id, role: customer.role });
  return { accessToken: access.token, refreshToken, expiresIn: access.expiresIn };
}

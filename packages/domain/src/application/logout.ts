import { ok, type Result } from "../errors.js";
import type { AppDeps } from "./context.js";

export interface LogoutInput {
  readonly refreshToken: string;
}

/** Ends a login: revokes the refresh token's whole family. Unknown tokens are ignored, so logging out twice is fine. */
export class Logout {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "tokens" | "clock">) {}

  async execute(input: LogoutInput): Promise<Result<void, never>> {
    const tokenHash = this.deps.tokens.hashToken(input.refreshToken);
    return this.deps.uow.run(async (tx) => {
      const record = await tx.authTokens.findRefreshTokenByHash(tokenHash);
      if (record !== null && record.revokedAt === null) await tx.authTokens.revokeFamily(record.familyId, this.deps.clock.now());
      return ok(undefined);
    });
  }
}

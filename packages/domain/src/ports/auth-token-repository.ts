/** A refresh token, stored by hash. Tokens rotated from one login share a `familyId`. */
export interface RefreshTokenRecord {
  readonly id: string;
  readonly familyId: string;
  readonly customerId: string;
  readonly tokenHash: string;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
  readonly revokedAt: Date | null;
  readonly createdAt: Date;
}

export interface PasswordResetRecord {
  readonly id: string;
  readonly customerId: string;
  readonly tokenHash: string;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
  readonly createdAt: Date;
}

export interface AuthTokenRepository {
  insertRefreshToken(record: RefreshTokenRecord): Promise<void>;
  findRefreshTokenByHash(tokenHash: string): Promise<RefreshTokenRecord | null>;
  /** Compare-and-set: true only for the first caller marking this token used. */
  markRefreshTokenUsed(id: string, at: Date): Promise<boolean>;
  revokeFamily(familyId: string, at: Date): Promise<void>;
  revokeAllForCustomer(customerId: string, at: Date): Promise<void>;

  insertPasswordReset(record: PasswordResetRecord): Promise<void>;
  findPasswordResetByHash(tokenHash: string): Promise<PasswordResetRecord | null>;
  /** Compare-and-set: true only for the first caller using this token. */
  markPasswordResetUsed(id: string, at: Date): Promise<boolean>;
}

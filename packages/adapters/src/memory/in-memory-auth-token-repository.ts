import type { AuthTokenRepository, PasswordResetRecord, RefreshTokenRecord } from "@emporium/domain";
import { copy } from "./memory-state.js";
import type { StateAccess } from "./memory-store.js";

export class InMemoryAuthTokenRepository implements AuthTokenRepository {
  constructor(private readonly access: StateAccess) {}

  async insertRefreshToken(record: RefreshTokenRecord): Promise<void> {
    await this.access.write((state) => {
      if (state.refreshTokens.has(record.id)) throw new Error(`unique constraint: refresh token ${record.id} exists`);
      state.refreshTokens.set(record.id, copy(record));
    });
  }

  async findRefreshTokenByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    const record = [...this.access.read().refreshTokens.values()].find((r) => r.tokenHash === tokenHash);
    return record === undefined ? null : copy(record);
  }

  async markRefreshTokenUsed(id: string, at: Date): Promise<boolean> {
    return this.access.write((state) => {
      const record = state.refreshTokens.get(id);
      if (record === undefined || record.usedAt !== null) return false;
      state.refreshTokens.set(id, { ...record, usedAt: new Date(at) });
      return true;
    });
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await this.revokeWhere((r) => r.familyId === familyId, at);
  }

  async revokeAllForCustomer(customerId: string, at: Date): Promise<void> {
    await this.revokeWhere((r) => r.customerId === customerId, at);
  }

  async insertPasswordReset(record: PasswordResetRecord): Promise<void> {
    await this.access.write((state) => {
      if (state.passwordResets.has(record.id)) throw new Error(`unique constraint: password reset ${record.id} exists`);
      state.passwordResets.set(record.id, copy(record));
    });
  }

  async findPasswordResetByHash(tokenHash: string): Promise<PasswordResetRecord | null> {
    const record = [...this.access.read().passwordResets.values()].find((r) => r.tokenHash === tokenHash);
    return record === undefined ? null : copy(record);
  }

  async markPasswordResetUsed(id: string, at: Date): Promise<boolean> {
    return this.access.write((state) => {
      const record = state.passwordResets.get(id);
      if (record === undefined || record.usedAt !== null) return false;
      state.passwordResets.set(id, { ...record, usedAt: new Date(at) });
      return true;
    });
  }

  private async revokeWhere(predicate: (record: RefreshTokenRecord) => boolean, at: Date): Promise<void> {
    await this.access.write((state) => {
      for (const record of state.refreshTokens.values()) {
        if (predicate(record) && record.revokedAt === null) state.refreshTokens.set(record.id, { ...record, revokedAt: new Date(at) });
      }
    });
  }
}

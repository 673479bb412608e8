import type { Kysely, Selectable } from "kysely";
import type { AuthTokenRepository, PasswordResetRecord, RefreshTokenRecord } from "@emporium/domain";
import { iso, isoOrNull, toDate, toDateOrNull } from "./codec.js";
import type { Database, PasswordResetTokensTable, RefreshTokensTable } from "./database.js";

export class KyselyAuthTokenRepository implements AuthTokenRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insertRefreshToken(record: RefreshTokenRecord): Promise<void> {
    await this.db
      .insertInto("refresh_tokens")
      .values({
        id: record.id,
        family_id: record.familyId,
        customer_id: record.customerId,
        token_hash: record.tokenHash,
        expires_at: iso(record.expiresAt),
        used_at: isoOrNull(record.usedAt),
        revoked_at: isoOrNull(record.revokedAt),
        created_at: iso(record.createdAt),
      })
      .execute();
  }

  async findRefreshTokenByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    const row = await this.db.selectFrom("refresh_tokens").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
    return row === undefined ? null : toRefreshToken(row);
  }

  async markRefreshTokenUsed(id: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable("refresh_tokens")
      .set({ used_at: iso(at) })
      .where("id", "=", id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await this.db
      .updateTable("refresh_tokens")
      .set({ revoked_at: iso(at) })
      .where("family_id", "=", familyId)
      .where("revoked_at", "is", null)
      .execute();
  }

  async revokeAllForCustomer(customerId: string, at: Date): Promise<void> {
    await this.db
      .updateTable("refresh_tokens")
      .set({ revoked_at: iso(at) })
      .where("customer_id", "=", customerId)
      .where("revoked_at", "is", null)
      .execute();
  }

  async insertPasswordReset(record: PasswordResetRecord): Promise<void> {
    await this.db
      .insertInto("password_reset_tokens")
      .values({
        id: record.id,
        customer_id: record.customerId,
        token_hash: record.tokenHash,
        expires_at: iso(record.expiresAt),
        used_at: isoOrNull(record.usedAt),
        created_at: iso(record.createdAt),
      })
      .execute();
  }

  async findPasswordResetByHash(tokenHash: string): Promise<PasswordResetRecord | null> {
    const row = await this.db.selectFrom("password_reset_tokens").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
    return row === undefined ? null : toPasswordReset(row);
  }

  async markPasswordResetUsed(id: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable("password_reset_tokens")
      .set({ used_at: iso(at) })
      .where("id", "=", id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}

function toRefreshToken(row: Selectable<RefreshTokensTable>): RefreshTokenRecord {
  return {
    id: row.id,
    familyId: row.family_id,
    customerId: row.customer_id,
    tokenHash: row.token_hash,
    expiresAt: toDate(row.expires_at),
    usedAt: toDateOrNull(row.used_at),
    revokedAt: toDateOrNull(row.revoked_at),
    createdAt: toDate(row.created_at),
  };
}

function toPasswordReset(row: Selectable<PasswordResetTokensTable>): PasswordResetRecord {
  return {
    id: row.id,
    customerId: row.customer_id,
    tokenHash: row.token_hash,
    expiresAt: toDate(row.expires_at),
    usedAt: toDateOrNull(row.used_at),
    createdAt: toDate(row.created_at),
  };
}

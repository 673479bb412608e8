import type { PasswordResetRecord, RefreshTokenRecord } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { at, seedCustomer, uid } from "./fixtures.js";
import { useHarness, type CreateHarness } from "./harness.js";

export function authTokenRepositoryContract(create: CreateHarness): void {
  describe("AuthTokenRepository", () => {
    const store = useHarness(create);
    const repos = () => store().repos;

    const refreshToken = (customerId: string, familyId: string): RefreshTokenRecord => ({
      id: uid("rt"),
      familyId,
      customerId,
      tokenHash: uid("hash"),
      expiresAt: at(60 * 24),
      usedAt: null,
      revokedAt: null,
      createdAt: at(),
    });

    it("round-trips a refresh token by hash", async () => {
      const customer = await seedCustomer(repos());
      const token = refreshToken(customer.id, uid("fam"));
      await repos().authTokens.insertRefreshToken(token);
      expect(await repos().authTokens.findRefreshTokenByHash(token.tokenHash)).toEqual(token);
      expect(await repos().authTokens.findRefreshTokenByHash(uid("missing"))).toBeNull();
    });

    it("marks a refresh token used for the first caller only", async () => {
      const customer = await seedCustomer(repos());
      const token = refreshToken(customer.id, uid("fam"));
      await repos().authTokens.insertRefreshToken(token);
      const results = await Promise.all([
        repos().authTokens.markRefreshTokenUsed(token.id, at(1)),
        repos().authTokens.markRefreshTokenUsed(token.id, at(2)),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await repos().authTokens.markRefreshTokenUsed(token.id, at(3))).toBe(false);
      const stored = await repos().authTokens.findRefreshTokenByHash(token.tokenHash);
      expect([at(1).getTime(), at(2).getTime()]).toContain(stored?.usedAt?.getTime());
    });

    it("revokes one family, or every token of a customer", async () => {
      const customer = await seedCustomer(repos());
      const family = uid("fam");
      const inFamily = [refreshToken(customer.id, family), refreshToken(customer.id, family)];
      const otherFamily = refreshToken(customer.id, uid("fam"));
      const otherCustomer = refreshToken((await seedCustomer(repos())).id, family);
      for (const token of [...inFamily, otherFamily, otherCustomer]) await repos().authTokens.insertRefreshToken(token);

      await repos().authTokens.revokeFamily(family, at(5));
      for (const token of [...inFamily, otherCustomer]) {
        expect((await repos().authTokens.findRefreshTokenByHash(token.tokenHash))?.revokedAt).toEqual(at(5));
      }
      expect((await repos().authTokens.findRefreshTokenByHash(otherFamily.tokenHash))?.revokedAt).toBeNull();

      await repos().authTokens.revokeAllForCustomer(customer.id, at(9));
      expect((await repos().authTokens.findRefreshTokenByHash(otherFamily.tokenHash))?.revokedAt).toEqual(at(9));
      // Already revoked tokens keep their first revocation time.
      expect((await repos().authTokens.findRefreshTokenByHash(inFamily[0]!.tokenHash))?.revokedAt).toEqual(at(5));
    });

    it("round-trips a password reset and uses it once", async () => {
      const customer = await seedCustomer(repos());
      const reset: PasswordResetRecord = {
        id: uid("pr"),
        customerId: customer.id,
        tokenHash: uid("hash"),
        expiresAt: at(30),
        usedAt: null,
        createdAt: at(),
      };
      await repos().authTokens.insertPasswordReset(reset);
      expect(await repos().authTokens.findPasswordResetByHash(reset.tokenHash)).toEqual(reset);
      expect(await repos().authTokens.findPasswordResetByHash(uid("missing"))).toBeNull();

      expect(await repos().authTokens.markPasswordResetUsed(reset.id, at(2))).toBe(true);
      expect(await repos().authTokens.markPasswordResetUsed(reset.id, at(3))).toBe(false);
      expect(await repos().authTokens.findPasswordResetByHash(reset.tokenHash)).toEqual({ ...reset, usedAt: at(2) });
    });
  });
}

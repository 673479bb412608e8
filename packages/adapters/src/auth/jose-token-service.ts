import { createHash, randomBytes, webcrypto } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";
import type { AccessClaims, Role, TokenService } from "@emporium/domain";

export interface JoseTokenServiceOptions {
  /** HMAC key for HS256; at least 32 bytes. */
  readonly secret: string | Uint8Array;
  readonly issuer: string;
  readonly audience: string;
  /** Access token lifetime; 15 minutes by default. */
  readonly accessTokenTtlSeconds?: number;
  readonly now?: () => Date;
}

const ALGORITHM = "HS256";
/** Verified access tokens kept, so a client's next request with the same token skips the HMAC. */
const VERIFIED_CACHE_SIZE = 10_000;
const ROLES: readonly Role[] = ["customer", "admin"];
const MIN_SECRET_BYTES = 32;

/** HS256 access tokens with `sub` and `role`, plus opaque random tokens stored only as hashes. */
export class JoseTokenService implements TokenService {
  private readonly key: Uint8Array;
  private readonly issuer: string;
  private readonly audience: string;
  private readonly ttlSeconds: number;
  private readonly now: () => Date;
  /** Token → its claims and expiry (epoch seconds), oldest first; only tokens that passed `jwtVerify`. */
  private readonly verified = new Map<string, { claims: AccessClaims; exp: number }>();
  /** Imported once: given the raw bytes, jose would import the key again for every verification. */
  private verifyKey: Promise<webcrypto.CryptoKey> | undefined;

  constructor({ secret, issuer, audience, accessTokenTtlSeconds = 900, now = () => new Date() }: JoseTokenServiceOptions) {
    this.key = typeof secret === "string" ? new TextEncoder().encode(secret) : secret;
    if (this.key.byteLength < MIN_SECRET_BYTES) {
      throw new Error(`JWT secret must be at least ${MIN_SECRET_BYTES} bytes for HS256, got ${this.key.byteLength}`);
    }
    this.issuer = issuer;
    this.audience = audience;
    this.ttlSeconds = accessTokenTtlSeconds;
    this.now = now;
  }

  async issueAccessToken(claims: AccessClaims): Promise<{ token: string; expiresIn: number }> {
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    const token = await new SignJWT({ role: claims.role })
      .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
      .setSubject(claims.sub)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(this.key);
    return { token, expiresIn: this.ttlSeconds };
  }

  /**
   * Checks signature, algorithm, issuer, audience and expiry. A token that passed is remembered
   * with its expiry: the same string again is the same signed content, so only the clock is
   * checked anew (as `jwtVerify` does: expired once `exp <= now`).
   */
  async verifyAccessToken(token: string): Promise<AccessClaims | null> {
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    const known = this.verified.get(token);
    if (known !== undefined) {
      if (known.exp > nowSeconds) return known.claims;
      this.verified.delete(token);
      return null;
    }
    try {
      this.verifyKey ??= webcrypto.subtle.importKey("raw", this.key, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
      const { payload } = await jwtVerify(token, await this.verifyKey, {
        algorithms: [ALGORITHM],
        issuer: this.issuer,
        audience: this.audience,
        requiredClaims: ["exp", "sub"],
        currentDate: this.now(),
      });
      const role = payload["role"];
      if (typeof payload.sub !== "string" || !ROLES.includes(role as Role)) return null;
      const claims: AccessClaims = { sub: payload.sub, role: role as Role };
      // A token with a not-before time is left to jwtVerify each time.
      if (typeof payload.exp === "number" && payload.nbf === undefined) this.remember(token, claims, payload.exp);
      return claims;
    } catch {
      return null;
    }
  }

  private remember(token: string, claims: AccessClaims, exp: number): void {
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { claims, exp });
  }

  randomToken(): string {
    return randomBytes(32).toString("base64url");
  }

  hashToken(token: string): string {
    return createHash("sha256").update(token).digest("hex");
  }
}

import { createHash, randomBytes } from "node:crypto";
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
const ROLES: readonly Role[] = ["customer", "admin"];
const MIN_SECRET_BYTES = 32;

/** HS256 access tokens with `sub` and `role`, plus opaque random tokens stored only as hashes. */
export class JoseTokenService implements TokenService {
  private readonly key: Uint8Array;
  private readonly issuer: string;
  private readonly audience: string;
  private readonly ttlSeconds: number;
  private readonly now: () => Date;

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

  async verifyAccessToken(token: string): Promise<AccessClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.issuer,
        audience: this.audience,
        requiredClaims: ["exp", "sub"],
        currentDate: this.now(),
      });
      const role = payload["role"];
      if (typeof payload.sub !== "string" || !ROLES.includes(role as Role)) return null;
      return { sub: payload.sub, role: role as Role };
    } catch {
      return null;
    }
  }

  randomToken(): string {
    return randomBytes(32).toString("base64url");
  }

  hashToken(token: string): string {
    return createHash("sha256").update(token).digest("hex");
  }
}

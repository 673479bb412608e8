import type { Role } from "../customers/customer.js";

export interface AccessClaims {
  readonly sub: string;
  readonly role: Role;
}

export interface TokenService {
  /** A signed access token and its lifetime in seconds. */
  issueAccessToken(claims: AccessClaims): Promise<{ token: string; expiresIn: number }>;
  /** The claims of a valid token, or null for a missing, expired, forged or malformed one. */
  verifyAccessToken(token: string): Promise<AccessClaims | null>;
  /** A high-entropy opaque token (refresh, password reset, guest cart). */
  randomToken(): string;
  /** A one-way hash for storing opaque tokens. */
  hashToken(token: string): string;
}

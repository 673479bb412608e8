import { hasPermission, type Permission, type Role, type TokenService } from "@emporium/domain";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv, AuthContext } from "../app-env.js";
import { problem, titleOf } from "../problem.js";

const unauthenticated = (c: Context, detail: string, error?: "invalid_request" | "invalid_token") =>
  problem(
    c,
    401,
    "auth.unauthenticated",
    titleOf(401),
    detail,
    {},
    {
      "WWW-Authenticate": error ? `Bearer realm="emporium", error="${error}"` : `Bearer realm="emporium"`,
    },
  );

const forbidden = (c: Context, detail: string) => problem(c, 403, "auth.forbidden", titleOf(403), detail);

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

export interface AuthenticateOptions {
  readonly tokens: Pick<TokenService, "verifyAccessToken">;
}

/**
 * Reads `Authorization: Bearer <token>` and sets `c.var.auth`. No header
 * leaves the caller anonymous; a header that is malformed, expired or forged
 * is refused with 401 at once (RFC 6750), even on public routes, so a client
 * learns to refresh instead of silently losing its identity.
 */
export const authenticate = ({ tokens }: AuthenticateOptions): MiddlewareHandler<AppEnv> =>
  async function authenticate(c, next) {
    c.set("auth", undefined);
    const header = c.req.header("Authorization");
    if (header === undefined) return next();
    const token = BEARER.exec(header)?.[1];
    if (token === undefined) return unauthenticated(c, "The Authorization header must be 'Bearer <access token>'.", "invalid_request");
    const claims = await tokens.verifyAccessToken(token);
    if (claims === null) return unauthenticated(c, "The access token is invalid or expired.", "invalid_token");
    c.set("auth", { customerId: claims.sub, role: claims.role });
    return next();
  };

/** 401 `auth.unauthenticated` unless `authenticate` identified the caller. */
export const requireAuth = (): MiddlewareHandler<AppEnv> =>
  async function requireAuth(c, next) {
    if (c.get("auth") === undefined) return unauthenticated(c, "This route needs an access token.");
    return next();
  };

const RANK: Readonly<Record<Role, number>> = { customer: 0, admin: 1 };

/** 401 without a caller; 403 `auth.forbidden` when the caller's role is below `role` (an admin is also a customer). */
export const requireRole = (role: Role): MiddlewareHandler<AppEnv> =>
  async function requireRole(c, next) {
    const auth = c.get("auth");
    if (auth === undefined) return unauthenticated(c, "This route needs an access token.");
    if (RANK[auth.role] < RANK[role]) return forbidden(c, `This route needs the ${role} role.`);
    return next();
  };

/** 401 without a caller; 403 when the caller's role does not grant `permission`. */
export const requirePermission = (permission: Permission): MiddlewareHandler<AppEnv> =>
  async function requirePermission(c, next) {
    const auth = c.get("auth");
    if (auth === undefined) return unauthenticated(c, "This route needs an access token.");
    if (!hasPermission(auth.role, permission)) return forbidden(c, `This route needs the ${permission} permission.`);
    return next();
  };

/** The caller of a route behind requireAuth/requireRole; throws (a bug, 500) if the route forgot the guard. */
export function currentAuth(c: Context<AppEnv>): AuthContext {
  const auth = c.get("auth");
  if (auth === undefined) throw new Error(`${c.req.method} ${c.req.path} reads the caller but has no requireAuth() guard`);
  return auth;
}

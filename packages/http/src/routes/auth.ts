import type { AuthenticatedCustomer } from "@emporium/domain";
import { createRoute, type OpenAPIHono, type z } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.js";
import { createApi } from "../app-factory.js";
import { respondError } from "../problem.js";
import {
  AuthResult,
  LoginBody,
  LogoutBody,
  PasswordResetBody,
  PasswordResetConfirmBody,
  RefreshBody,
  RegisterBody,
  Session,
} from "../schemas/auth.js";
import { CartTokenHeaders } from "../schemas/cart.js";
import { problemResponses } from "../schemas/common.js";
import { toCustomerJson } from "../schemas/customer.js";
import type { RouteContext } from "./route-context.js";

const jsonResponse = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const jsonBody = <S extends z.ZodType>(schema: S) => ({ required: true, content: { "application/json": { schema } } });

const registerRoute = createRoute({
  method: "post",
  path: "/auth/register",
  tags: ["auth"],
  summary: "Create a customer account and log in",
  request: { body: jsonBody(RegisterBody) },
  responses: { 201: jsonResponse(AuthResult, "Registered and logged in"), ...problemResponses(409, 422) },
});

const loginRoute = createRoute({
  method: "post",
  path: "/auth/login",
  tags: ["auth"],
  summary: "Log in with email and password",
  description: "With `X-Cart-Token`, the guest cart of that token is merged into the customer's cart.",
  request: { headers: CartTokenHeaders, body: jsonBody(LoginBody) },
  responses: { 200: jsonResponse(AuthResult, "Logged in"), ...problemResponses(401, 422) },
});

const refreshRoute = createRoute({
  method: "post",
  path: "/auth/refresh",
  tags: ["auth"],
  summary: "Trade a refresh token for a new session",
  description: "Refresh tokens rotate: each works once, and reusing an old one revokes every token of its login.",
  request: { body: jsonBody(RefreshBody) },
  responses: { 200: jsonResponse(Session, "A new session"), ...problemResponses(401, 422) },
});

const logoutRoute = createRoute({
  method: "post",
  path: "/auth/logout",
  tags: ["auth"],
  summary: "End the login of a refresh token",
  request: { body: jsonBody(LogoutBody) },
  responses: { 204: { description: "Logged out (also for an unknown token)" }, ...problemResponses(422) },
});

const passwordResetRoute = createRoute({
  method: "post",
  path: "/auth/password-reset",
  tags: ["auth"],
  summary: "Mail a password reset link",
  description: "Answers 202 whether or not an account has this email, so the answer tells nothing about accounts.",
  request: { body: jsonBody(PasswordResetBody) },
  responses: { 202: { description: "Accepted" }, ...problemResponses(422) },
});

const passwordResetConfirmRoute = createRoute({
  method: "post",
  path: "/auth/password-reset/confirm",
  tags: ["auth"],
  summary: "Set a new password with a reset token",
  description: "The token works once. Every session of the account ends.",
  request: { body: jsonBody(PasswordResetConfirmBody) },
  responses: { 204: { description: "Password changed" }, ...problemResponses(422) },
});

const authJson = (result: AuthenticatedCustomer) => ({
  accessToken: result.accessToken,
  refreshToken: result.refreshToken,
  expiresIn: result.expiresIn,
  customer: toCustomerJson(result.customer),
});

/** Registration, login, token refresh and logout, password reset. */
export function authRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });

  app.openapi(registerRoute, async (c) => {
    const result = await ctx.useCase("RegisterCustomer").execute(c.req.valid("json"));
    if (!result.ok) return respondError(c, result.error);
    return c.json(authJson(result.value), 201);
  });

  app.openapi(loginRoute, async (c) => {
    const result = await ctx.useCase("AuthenticateCustomer").execute(c.req.valid("json"));
    if (!result.ok) return respondError(c, result.error);
    const cartToken = c.req.valid("header")["x-cart-token"];
    if (cartToken !== undefined) await ctx.useCase("MergeGuestCart").execute({ customerId: result.value.customer.id, token: cartToken });
    return c.json(authJson(result.value), 200);
  });

  app.openapi(refreshRoute, async (c) => {
    const result = await ctx.useCase("RefreshSession").execute(c.req.valid("json"));
    if (!result.ok) return respondError(c, result.error);
    const { accessToken, refreshToken, expiresIn } = result.value;
    return c.json({ accessToken, refreshToken, expiresIn }, 200);
  });

  app.openapi(logoutRoute, async (c) => {
    await ctx.useCase("Logout").execute(c.req.valid("json"));
    return c.body(null, 204);
  });

  app.openapi(passwordResetRoute, async (c) => {
    await ctx.useCase("RequestPasswordReset").execute(c.req.valid("json"));
    return c.body(null, 202);
  });

  app.openapi(passwordResetConfirmRoute, async (c) => {
    const result = await ctx.useCase("ConfirmPasswordReset").execute(c.req.valid("json"));
    if (!result.ok) return respondError(c, result.error);
    return c.body(null, 204);
  });

  return app;
}

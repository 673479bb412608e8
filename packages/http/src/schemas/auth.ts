import { z } from "@hono/zod-openapi";
import { strictBody } from "./common.js";
import { Customer } from "./customer.js";

// Passwords are judged by the domain (8..128 code points); this cap only keeps a login from
// feeding megabytes to the password hash. 1024 UTF-16 units fit any 128 code points.
const MAX_PASSWORD_INPUT = 1024;
const MAX_TOKEN_INPUT = 512;

const Password = z.string().max(MAX_PASSWORD_INPUT).openapi({ format: "password", minLength: 8, example: "correct horse battery" });
const Email = z.string().max(320).openapi({ format: "email", example: "ada@example.com" });
const OpaqueToken = z.string().min(1).max(MAX_TOKEN_INPUT);

export const RegisterBody = strictBody({ email: Email, password: Password, name: z.string().openapi({ example: "Ada Lovelace" }) }).openapi(
  "RegisterRequest",
);
export const LoginBody = strictBody({ email: Email, password: Password }).openapi("LoginRequest");
export const RefreshBody = strictBody({ refreshToken: OpaqueToken }).openapi("RefreshRequest");
export const LogoutBody = strictBody({ refreshToken: OpaqueToken }).openapi("LogoutRequest");
export const PasswordResetBody = strictBody({ email: Email }).openapi("PasswordResetRequest");
export const PasswordResetConfirmBody = strictBody({ token: OpaqueToken, newPassword: Password }).openapi("PasswordResetConfirm");

/** A short-lived access token (JWT) and a single-use rotating refresh token. */
export const Session = z
  .object({
    accessToken: z.string(),
    refreshToken: z.string(),
    expiresIn: z.number().int().openapi({ description: "Lifetime of the access token in seconds", example: 900 }),
  })
  .openapi("Session");

export const AuthResult = Session.extend({ customer: Customer }).openapi("AuthResult");

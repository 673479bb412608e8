import type { UnauthenticatedError } from "../errors.js";

/** The one `auth.unauthenticated` error for every failed credential check, so the reason never leaks. */
export const unauthenticated = (message = "The credentials are invalid or have expired; log in again."): UnauthenticatedError => ({
  code: "auth.unauthenticated",
  message,
});

import type { FieldIssue } from "../errors.js";
import type { Address } from "./customer.js";

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;
// RFC 5321 limits a forward path to 256 octets, two of which are the angle brackets.
const MAX_EMAIL_LENGTH = 254;
const MAX_ADDRESS_FIELD_LENGTH = 200;

/** Emails are unique case-insensitively: compare and store this form. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

// Deliberately loose: one @, no spaces, a dot in the domain. Deliverability is proven by mail, not a regex.
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/** Issues with an email address (path `email`), judged on its normalized form. */
export function validateEmail(email: string): FieldIssue[] {
  const normalized = normalizeEmail(email);
  if (normalized === "") return [{ path: "email", message: "is required" }];
  if (normalized.length > MAX_EMAIL_LENGTH) return [{ path: "email", message: `must be at most ${MAX_EMAIL_LENGTH} characters` }];
  if (!EMAIL.test(normalized)) return [{ path: "email", message: "must be an email address such as name@example.com" }];
  return [];
}

/** Issues with a new password (path `password`): 8 to 128 characters, counted as code points. */
export function validatePassword(password: string): FieldIssue[] {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return [{ path: "password", message: `must be at least ${MIN_PASSWORD_LENGTH} characters` }];
  if (length > MAX_PASSWORD_LENGTH) return [{ path: "password", message: `must be at most ${MAX_PASSWORD_LENGTH} characters` }];
  return [];
}

const REQUIRED_ADDRESS_FIELDS = ["name", "line1", "city", "postalCode"] as const;
const OPTIONAL_ADDRESS_FIELDS = ["line2", "region", "phone"] as const;

/** Issues with a postal address; each issue's path is `path` + `.field`, e.g. `shippingAddress.city`. */
export function validateAddress(address: Address, path: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const field of REQUIRED_ADDRESS_FIELDS) {
    const value = address[field];
    if (typeof value !== "string" || value.trim() === "") issues.push({ path: `${path}.${field}`, message: "is required" });
    else if (value.length > MAX_ADDRESS_FIELD_LENGTH) issues.push(tooLong(`${path}.${field}`));
  }
  for (const field of OPTIONAL_ADDRESS_FIELDS) {
    const value = address[field];
    if (typeof value === "string" && value.length > MAX_ADDRESS_FIELD_LENGTH) issues.push(tooLong(`${path}.${field}`));
  }
  if (typeof address.country !== "string" || !/^[A-Z]{2}$/.test(address.country)) {
    issues.push({ path: `${path}.country`, message: "must be an ISO 3166-1 alpha-2 code in capitals, such as US or FR" });
  }
  return issues;
}

const tooLong = (path: string): FieldIssue => ({ path, message: `must be at most ${MAX_ADDRESS_FIELD_LENGTH} characters` });

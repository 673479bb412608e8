import { hasPermission, type Permission } from "../customers/permissions.js";
import type { ForbiddenError } from "../errors.js";
import type { Actor } from "./context.js";

/**
 * `auth.forbidden` when `actor` lacks `permission`, null when allowed. The system actor (jobs,
 * webhooks, imports) may do anything. Hosts check roles too; this keeps a use case safe on its own.
 */
export function authorize(actor: Actor, permission: Permission): ForbiddenError | null {
  if (actor.role === "system" || hasPermission(actor.role, permission)) return null;
  return { code: "auth.forbidden", message: `This action needs the ${permission} permission, which the ${actor.role} role does not have.` };
}

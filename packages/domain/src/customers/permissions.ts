import type { Role } from "./customer.js";

export type Permission =
  | "catalog:write"
  | "inventory:write"
  | "orders:manage"
  | "customers:manage"
  | "promotions:write"
  | "reports:read"
  | "audit:read"
  | "search:reindex"
  | "mailbox:read"
  | "orders:own"
  | "cart:own"
  | "reviews:write"
  | "reviews:moderate";

const CUSTOMER_PERMISSIONS: readonly Permission[] = ["orders:own", "cart:own", "reviews:write"];

/** What each role may do; permissions are derived from the role, never stored per customer. */
export const PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  customer: CUSTOMER_PERMISSIONS,
  admin: [
    "catalog:write",
    "inventory:write",
    "orders:manage",
    "customers:manage",
    "promotions:write",
    "reports:read",
    "audit:read",
    "search:reindex",
    "mailbox:read",
    "reviews:moderate",
    ...CUSTOMER_PERMISSIONS,
  ],
};

/** Whether `role` grants `permission`. */
export function hasPermission(role: Role, permission: Permission): boolean {
  return PERMISSIONS[role]?.includes(permission) ?? false;
}

import { describe, expect, it } from "vitest";
import { hasPermission, PERMISSIONS, type Permission } from "./permissions.js";

const ALL: readonly Permission[] = [
  "catalog:write",
  "inventory:write",
  "orders:manage",
  "customers:manage",
  "promotions:write",
  "reports:read",
  "audit:read",
  "search:reindex",
  "mailbox:read",
  "orders:own",
  "cart:own",
  "reviews:write",
  "reviews:moderate",
];

describe("permissions", () => {
  it("gives an admin every permission", () => {
    for (const permission of ALL) expect(hasPermission("admin", permission), permission).toBe(true);
    expect([...PERMISSIONS.admin].sort()).toEqual([...ALL].sort());
  });

  it("gives a customer only what concerns their own orders, cart and reviews", () => {
    expect([...PERMISSIONS.customer].sort()).toEqual(["cart:own", "orders:own", "reviews:write"]);
    expect(hasPermission("customer", "orders:own")).toBe(true);
    expect(hasPermission("customer", "catalog:write")).toBe(false);
    expect(hasPermission("customer", "orders:manage")).toBe(false);
    expect(hasPermission("customer", "mailbox:read")).toBe(false);
  });

  it("grants nothing to a role it does not know (e.g. a stale token)", () => {
    expect(hasPermission("root" as never, "orders:own")).toBe(false);
  });
});

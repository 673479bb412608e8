import type { AuditEntry as DomainAuditEntry } from "@emporium/domain";
import { z } from "@hono/zod-openapi";
import { PageQuery } from "./common.js";

const filter = (description: string, example: string) => z.string().min(1).max(200).optional().openapi({ description, example });

export const AuditQuery = PageQuery.extend({
  actor: filter("The acting customer id, or `system`", "system"),
  entityType: filter("product, category, stock, order, customer, promotion…", "order"),
  entityId: filter("The changed entity's id (a SKU for stock)", "TEE-BLUE-M"),
  action: filter("`<entity>.<verb>`", "order.ship"),
});

export const AuditEntry = z
  .object({
    id: z.string(),
    actor: z.string().openapi({ description: "Customer id of the admin, or `system`" }),
    action: z.string().openapi({ example: "order.ship" }),
    entityType: z.string().openapi({ example: "order" }),
    entityId: z.string(),
    before: z.unknown().openapi({ description: "The changed fields before, or null for a creation" }),
    after: z.unknown().openapi({ description: "The changed fields after, or null for a deletion" }),
    requestId: z.string().nullable().openapi({ description: "The X-Request-Id (or CLI run id) that caused the change" }),
    at: z.string().openapi({ format: "date-time" }),
  })
  .openapi("AuditEntry");

export type AuditEntryJson = z.infer<typeof AuditEntry>;

export function toAuditEntryJson(entry: DomainAuditEntry): AuditEntryJson {
  return {
    id: entry.id,
    actor: entry.actor,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before,
    after: entry.after,
    requestId: entry.requestId,
    at: entry.at.toISOString(),
  };
}

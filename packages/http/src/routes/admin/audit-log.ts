import { Tokens } from "@emporium/adapters";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env.js";
import { createApi } from "../../app-factory.js";
import { requirePermission } from "../../middleware/auth.js";
import { BEARER_SECURITY } from "../../ops.js";
import { AuditEntry, AuditQuery, toAuditEntryJson } from "../../schemas/admin-audit.js";
import { pageOf, problemResponses } from "../../schemas/common.js";
import type { RouteContext } from "../route-context.js";
import { badCursor, readPage } from "./paging.js";

const AuditPage = pageOf(AuditEntry, "AuditPage");

const auditLogRoute = createRoute({
  method: "get",
  path: "/audit-log",
  tags: ["admin: audit"],
  summary: "Admin changes, newest first",
  description: "Every admin mutation with its actor, the fields before and after, and the request id that caused it.",
  security: BEARER_SECURITY,
  middleware: [requirePermission("audit:read")],
  request: { query: AuditQuery },
  responses: {
    200: { description: "A page of audit entries", content: { "application/json": { schema: AuditPage } } },
    ...problemResponses(400, 401, 403, 422),
  },
});

/** `/admin/audit-log`: who changed what, when, in which request. */
export function adminAuditLogRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });

  app.openapi(auditLogRoute, async (c) => {
    const { limit, cursor, ...filters } = c.req.valid("query");
    // The log is append-only data with nothing to decide: the port answers the query directly.
    const audit = ctx.container.get(Tokens.ReadRepositories).audit;
    const page = await readPage(audit.list({ ...filters, limit, cursor: cursor ?? null }));
    if (page === null) return badCursor(c);
    return c.json({ items: page.items.map(toAuditEntryJson), nextCursor: page.nextCursor }, 200);
  });

  return app;
}

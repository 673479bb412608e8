import { Tokens } from "@emporium/adapters";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env.js";
import { createApi } from "../../app-factory.js";
import { requirePermission } from "../../middleware/auth.js";
import { BEARER_SECURITY } from "../../ops.js";
import { MailboxMessage, MailboxQuery, toMailboxMessageJson } from "../../schemas/admin-mailbox.js";
import { pageOf, problemResponses } from "../../schemas/common.js";
import type { RouteContext } from "../route-context.js";
import { badCursor, readPage } from "./paging.js";

const MailboxPage = pageOf(MailboxMessage, "MailboxPage");

const mailboxRoute = createRoute({
  method: "get",
  path: "/mailbox",
  tags: ["admin: mailbox"],
  summary: "The messages the shop has sent, newest first (embedded profile)",
  description:
    "Without SMTP_URL the notifier keeps each message here instead of mailing it. With SMTP the list stays empty. " +
    "Password reset tokens and links are redacted.",
  security: BEARER_SECURITY,
  middleware: [requirePermission("mailbox:read")],
  request: { query: MailboxQuery },
  responses: {
    200: { description: "A page of messages", content: { "application/json": { schema: MailboxPage } } },
    ...problemResponses(400, 401, 403, 422),
  },
});

/** `/admin/mailbox`: what the embedded profile's notifier "sent". */
export function adminMailboxRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });

  app.openapi(mailboxRoute, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const page = await readPage(ctx.container.get(Tokens.Mailbox).list({ limit, cursor: cursor ?? null }));
    if (page === null) return badCursor(c);
    return c.json({ items: page.items.map(toMailboxMessageJson), nextCursor: page.nextCursor }, 200);
  });

  return app;
}

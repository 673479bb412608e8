import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env.js";
import { createApi } from "../../app-factory.js";
import { requireAuth, requireRole } from "../../middleware/auth.js";
import type { RouteContext, RouteModule } from "../route-context.js";
import { adminAuditLogRoutes } from "./audit-log.js";
import { adminCategoryRoutes } from "./categories.js";
import { adminCustomerRoutes } from "./customers.js";
import { adminInventoryRoutes } from "./inventory.js";
import { adminMailboxRoutes } from "./mailbox.js";
import { adminOrderRoutes } from "./orders.js";
import { adminProductRoutes } from "./products.js";
import { adminPromotionRoutes } from "./promotions.js";
import { adminRelatedProductRoutes } from "./related-products.js";
import { adminReportRoutes } from "./reports.js";
import { adminReviewRoutes } from "./reviews.js";
import { adminSearchRoutes } from "./search.js";

/** The admin route groups, each mounted under `/admin`. */
export const ADMIN_MODULES: readonly RouteModule[] = [
  adminProductRoutes,
  adminCategoryRoutes,
  adminInventoryRoutes,
  adminOrderRoutes,
  adminCustomerRoutes,
  adminPromotionRoutes,
  adminAuditLogRoutes,
  adminSearchRoutes,
  adminMailboxRoutes,
  adminReviewRoutes,
  adminReportRoutes,
  adminRelatedProductRoutes,
];

/**
 * `/admin` and everything under it: 401 without a token and 403 for a customer on every path, unknown ones included,
 * before any admin handler or validator runs. Use cases check their permission again.
 */
export function adminRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });
  app.use("/admin/*", requireAuth(), requireRole("admin"));
  for (const module of ADMIN_MODULES) app.route("/admin", module(ctx));
  return app;
}

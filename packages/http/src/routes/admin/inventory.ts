import { Tokens } from "@emporium/adapters";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env.js";
import { createApi } from "../../app-factory.js";
import { requirePermission } from "../../middleware/auth.js";
import { BEARER_SECURITY } from "../../ops.js";
import { respondError } from "../../problem.js";
import { SkuParams } from "../../schemas/admin-common.js";
import { AdjustStockBody, InventoryQuery, StockLevel, toStockLevelJson } from "../../schemas/admin-inventory.js";
import { pageOf, problemResponses } from "../../schemas/common.js";
import { commandOf, type RouteContext } from "../route-context.js";
import { badCursor, readPage } from "./paging.js";

const common = { tags: ["admin: inventory"], security: BEARER_SECURITY };
const StockLevelPage = pageOf(StockLevel, "StockLevelPage");

const adjustRoute = createRoute({
  ...common,
  method: "post",
  path: "/inventory/{sku}/adjust",
  summary: "Add or remove units of a SKU, with a reason",
  description:
    "Books a stock movement and records the change in the audit log. On hand never falls below the units " +
    "reserved by checkouts (422 naming `delta`). An unknown SKU is 404 `inventory.not_found`.",
  request: { params: SkuParams, body: { required: true, content: { "application/json": { schema: AdjustStockBody } } } },
  responses: {
    200: { description: "The stock level after the change", content: { "application/json": { schema: StockLevel } } },
    ...problemResponses(401, 403, 404, 422),
  },
});

const listRoute = createRoute({
  ...common,
  method: "get",
  path: "/inventory",
  summary: "Stock levels running low",
  middleware: [requirePermission("inventory:write")],
  request: { query: InventoryQuery },
  responses: {
    200: { description: "A page of stock levels, by SKU", content: { "application/json": { schema: StockLevelPage } } },
    ...problemResponses(400, 401, 403, 422),
  },
});

/** `/admin/inventory`: stock adjustments and the low-stock list. */
export function adminInventoryRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });

  app.openapi(adjustRoute, async (c) => {
    const { delta, reason, note } = c.req.valid("json");
    const result = await ctx.useCase("AdjustStock").execute({ ...commandOf(c), sku: c.req.valid("param").sku, delta, reason, note });
    if (!result.ok) return respondError(c, result.error);
    return c.json(toStockLevelJson(result.value), 200);
  });

  app.openapi(listRoute, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    // A plain read with no rule to apply: the repository answers it directly.
    const page = await readPage(ctx.container.get(Tokens.Repositories).inventory.listLow({ limit, cursor: cursor ?? null }));
    if (page === null) return badCursor(c);
    return c.json({ items: page.items.map(toStockLevelJson), nextCursor: page.nextCursor }, 200);
  });

  return app;
}

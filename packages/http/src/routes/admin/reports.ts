import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env.js";
import { createApi } from "../../app-factory.js";
import { BEARER_SECURITY } from "../../ops.js";
import { respondError } from "../../problem.js";
import {
  CategoryReport,
  CustomerReportQuery,
  CustomerSegmentsReport,
  InventoryReport,
  InventoryReportQuery,
  ProductReport,
  RankingQuery,
  SalesReport,
  SalesReportQuery,
  toCategoryReportJson,
  toCustomerSegmentsReportJson,
  toInventoryReportJson,
  toProductReportJson,
  toSalesReportJson,
} from "../../schemas/admin-report.js";
import { problemResponses } from "../../schemas/common.js";
import { actorOf, type RouteContext } from "../route-context.js";

const common = { tags: ["admin: reports"], security: BEARER_SECURITY, method: "get" as const };
const json = <S>(description: string, schema: S) => ({ description, content: { "application/json": { schema } } });

const salesRoute = createRoute({
  ...common,
  path: "/reports/sales",
  summary: "Sales by day, ISO week or month: orders, units, revenue, average order value, refunds",
  description:
    "Orders count on the day they were placed when they reached paid (a later refund does not remove them); refunds " +
    "count on the day they were made. Every period of the range is listed, empty ones included. 422 for a bad date, " +
    "`from` after `to`, or more than 1000 periods.",
  request: { query: SalesReportQuery },
  responses: { 200: json("The sales report", SalesReport), ...problemResponses(401, 403, 422) },
});

const productsRoute = createRoute({
  ...common,
  path: "/reports/products",
  summary: "Best-selling products between two days, by revenue or units",
  request: { query: RankingQuery },
  responses: { 200: json("The product report", ProductReport), ...problemResponses(401, 403, 422) },
});

const categoriesRoute = createRoute({
  ...common,
  path: "/reports/categories",
  summary: "Sales by primary category between two days",
  request: { query: RankingQuery },
  responses: { 200: json("The category report", CategoryReport), ...problemResponses(401, 403, 422) },
});

const customersRoute = createRoute({
  ...common,
  path: "/reports/customers",
  summary: "Customer lifetime values and RFM segments",
  request: { query: CustomerReportQuery },
  responses: { 200: json("The segments and a page of customers", CustomerSegmentsReport), ...problemResponses(400, 401, 403, 422) },
});

const inventoryRoute = createRoute({
  ...common,
  path: "/reports/inventory",
  summary: "Stock with days of cover and predicted stock-out dates from the last 30 days' sales",
  request: { query: InventoryReportQuery },
  responses: { 200: json("A page of SKUs, soonest to run out first", InventoryReport), ...problemResponses(400, 401, 403, 422) },
});

/** `/admin/reports`: sales, products, categories, customer segments and inventory cover. */
export function adminReportRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });

  app.openapi(salesRoute, async (c) => {
    const { from, to, interval, refresh } = c.req.valid("query");
    const result = await ctx.useCase("GetSalesReport").execute({ actor: actorOf(c), from, to, interval, refresh });
    if (!result.ok) return respondError(c, result.error);
    return c.json(toSalesReportJson(result.value), 200);
  });

  app.openapi(productsRoute, async (c) => {
    const { from, to, sort, limit, refresh } = c.req.valid("query");
    const result = await ctx.useCase("GetProductReport").execute({ actor: actorOf(c), from, to, sort, limit, refresh });
    if (!result.ok) return respondError(c, result.error);
    return c.json(toProductReportJson(result.value), 200);
  });

  app.openapi(categoriesRoute, async (c) => {
    const { from, to, sort, limit, refresh } = c.req.valid("query");
    const result = await ctx.useCase("GetCategoryReport").execute({ actor: actorOf(c), from, to, sort, limit, refresh });
    if (!result.ok) return respondError(c, result.error);
    return c.json(toCategoryReportJson(result.value), 200);
  });

  app.openapi(customersRoute, async (c) => {
    const { segment, limit, cursor } = c.req.valid("query");
    const result = await ctx.useCase("GetCustomerSegmentsReport").execute({ actor: actorOf(c), segment, limit, cursor: cursor ?? null });
    if (!result.ok) return respondError(c, result.error);
    return c.json(toCustomerSegmentsReportJson(result.value), 200);
  });

  app.openapi(inventoryRoute, async (c) => {
    const { lowStock, limit, cursor } = c.req.valid("query");
    const result = await ctx.useCase("GetInventoryReport").execute({ actor: actorOf(c), lowStock, limit, cursor: cursor ?? null });
    if (!result.ok) return respondError(c, result.error);
    return c.json(toInventoryReportJson(result.value), 200);
  });

  return app;
}

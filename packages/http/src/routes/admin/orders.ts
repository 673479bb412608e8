import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env.js";
import { createApi } from "../../app-factory.js";
import { BEARER_SECURITY } from "../../ops.js";
import { respondError } from "../../problem.js";
import { IdParams } from "../../schemas/admin-common.js";
import { AdminOrderQuery, RefundOrderBody, ShipOrderBody } from "../../schemas/admin-order.js";
import { pageOf, problemResponses } from "../../schemas/common.js";
import { IdempotencyHeaders, Order, toOrderJson } from "../../schemas/order.js";
import { commandOf, type RouteContext } from "../route-context.js";
import { badCursor, readPage } from "./paging.js";

const common = { tags: ["admin: orders"], security: BEARER_SECURITY };
const AdminOrderPage = pageOf(Order, "AdminOrderPage");
const orderResponse = (description: string) => ({ description, content: { "application/json": { schema: Order } } });

const listRoute = createRoute({
  ...common,
  method: "get",
  path: "/orders",
  summary: "Every customer's orders, newest first",
  request: { query: AdminOrderQuery },
  responses: {
    200: { description: "A page of orders", content: { "application/json": { schema: AdminOrderPage } } },
    ...problemResponses(400, 401, 403, 422),
  },
});

const getRoute = createRoute({
  ...common,
  method: "get",
  path: "/orders/{id}",
  summary: "Any order, with its history",
  request: { params: IdParams },
  responses: { 200: orderResponse("The order"), ...problemResponses(401, 403, 404, 422) },
});

const shipRoute = createRoute({
  ...common,
  method: "post",
  path: "/orders/{id}/ship",
  summary: "Ship a paid order with its tracking number",
  description: "The customer is mailed a shipping notice. Any status but paid is 409 `order.invalid_transition`.",
  request: { params: IdParams, body: { required: true, content: { "application/json": { schema: ShipOrderBody } } } },
  responses: { 200: orderResponse("The order, shipped"), ...problemResponses(401, 403, 404, 409, 422) },
});

const deliverRoute = createRoute({
  ...common,
  method: "post",
  path: "/orders/{id}/deliver",
  summary: "Mark a shipped order delivered",
  request: { params: IdParams },
  responses: { 200: orderResponse("The order, delivered"), ...problemResponses(401, 403, 404, 409, 422) },
});

const refundRoute = (ctx: RouteContext) =>
  createRoute({
    ...common,
    method: "post",
    path: "/orders/{id}/refund",
    summary: "Refund a shipped or delivered order (a return)",
    description:
      "Refunds the payment and, with `restock: true`, puts the goods back on hand. `Idempotency-Key` is required: " +
      "a retry with the same key and body returns the first answer and refunds nothing twice.",
    middleware: [ctx.idempotency()],
    request: {
      headers: IdempotencyHeaders,
      params: IdParams,
      body: { required: false, content: { "application/json": { schema: RefundOrderBody } } },
    },
    responses: { 200: orderResponse("The order, refunded"), ...problemResponses(401, 403, 404, 409, 422) },
  });

const cancelRoute = createRoute({
  ...common,
  method: "post",
  path: "/orders/{id}/cancel",
  summary: "Cancel any customer's order",
  description: "Unpaid: cancelled and its stock released. Paid: refunded and restocked. Shipped or later: 409 (refund it instead).",
  request: { params: IdParams },
  responses: { 200: orderResponse("The order, cancelled or refunded"), ...problemResponses(401, 403, 404, 409, 422) },
});

/** `/admin/orders`: every order, and the transitions only the shop makes. */
export function adminOrderRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });

  app.openapi(listRoute, async (c) => {
    const { limit, cursor, status } = c.req.valid("query");
    const page = await readPage(ctx.useCase("ListOrders").execute({ limit, cursor: cursor ?? null, status }));
    if (page === null) return badCursor(c);
    if (!page.ok) return respondError(c, page.error);
    return c.json({ items: page.value.items.map(toOrderJson), nextCursor: page.value.nextCursor }, 200);
  });

  app.openapi(getRoute, async (c) => {
    const result = await ctx.useCase("GetOrder").execute({ orderId: c.req.valid("param").id });
    if (!result.ok) return respondError(c, result.error);
    return c.json(toOrderJson(result.value), 200);
  });

  app.openapi(shipRoute, async (c) => {
    const { trackingNumber } = c.req.valid("json");
    const result = await ctx.useCase("ShipOrder").execute({ ...commandOf(c), orderId: c.req.valid("param").id, trackingNumber });
    if (!result.ok) return respondError(c, result.error);
    return c.json(toOrderJson(result.value), 200);
  });

  app.openapi(deliverRoute, async (c) => {
    const result = await ctx.useCase("DeliverOrder").execute({ ...commandOf(c), orderId: c.req.valid("param").id });
    if (!result.ok) return respondError(c, result.error);
    return c.json(toOrderJson(result.value), 200);
  });

  app.openapi(refundRoute(ctx), async (c) => {
    // Without a body the validator hands over {}: nothing is restocked.
    const { restock = false } = c.req.valid("json");
    const result = await ctx.useCase("RefundOrder").execute({ ...commandOf(c), orderId: c.req.valid("param").id, restock });
    if (!result.ok) return respondError(c, result.error);
    return c.json(toOrderJson(result.value), 200);
  });

  app.openapi(cancelRoute, async (c) => {
    const result = await ctx.useCase("CancelOrder").execute({ ...commandOf(c), orderId: c.req.valid("param").id });
    if (!result.ok) return respondError(c, result.error);
    return c.json(toOrderJson(result.value), 200);
  });

  return app;
}

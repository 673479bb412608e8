import { InvalidCursorError } from "@emporium/adapters";
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.js";
import { createApi } from "../app-factory.js";
import { currentAuth, requireAuth } from "../middleware/auth.js";
import { BEARER_SECURITY } from "../ops.js";
import { problem, respondError, titleOf } from "../problem.js";
import { MALFORMED, pageOf, PageQuery, problemResponses } from "../schemas/common.js";
import { IdempotencyHeaders, Order, OrderStatus, PayOrderBody, toOrderJson } from "../schemas/order.js";
import type { RouteContext } from "./route-context.js";

const OrderParams = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" } }),
});
const OrderPage = pageOf(Order, "OrderPage");
const ListOrdersQuery = PageQuery.extend({ status: OrderStatus.optional() });

const orderResponse = (description: string) => ({ description, content: { "application/json": { schema: Order } } });

const listRoute = createRoute({
  method: "get",
  path: "/orders",
  tags: ["orders"],
  summary: "The signed-in customer's orders, newest first",
  security: BEARER_SECURITY,
  middleware: [requireAuth()],
  request: { query: ListOrdersQuery },
  responses: {
    200: { description: "A page of orders", content: { "application/json": { schema: OrderPage } } },
    ...problemResponses(400, 401, 422),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/orders/{id}",
  tags: ["orders"],
  summary: "One of the signed-in customer's orders",
  description: "Anyone else's order is 404, exactly like a missing one.",
  security: BEARER_SECURITY,
  middleware: [requireAuth()],
  request: { params: OrderParams },
  responses: { 200: orderResponse("The order"), ...problemResponses(401, 404, 422) },
});

const payRoute = (ctx: RouteContext) =>
  createRoute({
    method: "post",
    path: "/orders/{id}/pay",
    tags: ["orders"],
    summary: "Pay an order awaiting payment (simulated provider)",
    description:
      "A declined payment is 402 and the order stays payable until its reservation expires. " +
      "Retrying with the same `Idempotency-Key` and body returns the first answer without charging again.",
    security: BEARER_SECURITY,
    middleware: [requireAuth(), ctx.idempotency()],
    request: {
      headers: IdempotencyHeaders,
      params: OrderParams,
      body: { required: true, content: { "application/json": { schema: PayOrderBody } } },
    },
    responses: { 200: orderResponse("The order, paid"), ...problemResponses(401, 402, 404, 409, 422) },
  });

const cancelRoute = createRoute({
  method: "post",
  path: "/orders/{id}/cancel",
  tags: ["orders"],
  summary: "Cancel one of the signed-in customer's orders",
  description: "Unpaid: cancelled and its stock released. Paid: refunded and restocked. Shipped or later: 409.",
  security: BEARER_SECURITY,
  middleware: [requireAuth()],
  request: { params: OrderParams },
  responses: { 200: orderResponse("The order, cancelled or refunded"), ...problemResponses(401, 404, 409, 422) },
});

/** A customer's own orders: list, read, pay, cancel. Everyone else's are 404. */
export function ordersRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });

  app.openapi(listRoute, async (c) => {
    const { limit, cursor, status } = c.req.valid("query");
    const listing = ctx.useCase("ListOrders").execute({ customerId: currentAuth(c).customerId, limit, cursor: cursor ?? null, status });
    const result = await listing.catch((error: unknown) => {
      // A well-formed token that this list did not issue (another list's, or forged) is still a bad cursor.
      if (error instanceof InvalidCursorError) return null;
      throw error;
    });
    if (result === null) return problem(c, 400, MALFORMED, titleOf(400), "query.cursor: cursor is not one this list issued");
    if (!result.ok) return respondError(c, result.error);
    return c.json({ items: result.value.items.map(toOrderJson), nextCursor: result.value.nextCursor }, 200);
  });

  app.openapi(getRoute, async (c) => {
    const result = await ctx.useCase("GetOrder").execute({ orderId: c.req.valid("param").id, customerId: currentAuth(c).customerId });
    if (!result.ok) return respondError(c, result.error);
    return c.json(toOrderJson(result.value), 200);
  });

  app.openapi(payRoute(ctx), async (c) => {
    const result = await ctx.useCase("PayOrder").execute({
      orderId: c.req.valid("param").id,
      customerId: currentAuth(c).customerId,
      paymentMethod: c.req.valid("json").paymentMethod,
    });
    if (!result.ok) return respondError(c, result.error);
    return c.json(toOrderJson(result.value), 200);
  });

  app.openapi(cancelRoute, async (c) => {
    // On this route everyone acts as a customer, on their own orders; admins cancel others' under /v1/admin.
    const actor = { id: currentAuth(c).customerId, role: "customer" as const };
    const result = await ctx.useCase("CancelOrder").execute({ orderId: c.req.valid("param").id, actor, requestId: c.get("requestId") });
    if (!result.ok) return respondError(c, result.error);
    return c.json(toOrderJson(result.value), 200);
  });

  return app;
}

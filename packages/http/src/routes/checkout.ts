import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.js";
import { createApi } from "../app-factory.js";
import { currentAuth, requireAuth } from "../middleware/auth.js";
import { BEARER_SECURITY } from "../ops.js";
import { respondError } from "../problem.js";
import { problemResponses } from "../schemas/common.js";
import { CheckoutBody, IdempotencyHeaders, Order, toOrderJson } from "../schemas/order.js";
import type { RouteContext } from "./route-context.js";

const checkoutRoute = (ctx: RouteContext) =>
  createRoute({
    method: "post",
    path: "/checkout",
    tags: ["checkout"],
    summary: "Turn the cart into an order awaiting payment",
    description:
      "Prices the cart, reserves every line or none, redeems the coupon and creates the payment. " +
      "Retrying with the same `Idempotency-Key` and body returns the first answer byte for byte and places no second order.",
    security: BEARER_SECURITY,
    // In this order: the caller must be known before their Idempotency-Key is looked up.
    middleware: [requireAuth(), ctx.idempotency()],
    request: {
      headers: IdempotencyHeaders,
      body: { required: true, content: { "application/json": { schema: CheckoutBody } } },
    },
    responses: {
      201: { description: "The order, pending payment, with payment instructions", content: { "application/json": { schema: Order } } },
      // 409 also answers a retry while the first request runs; 422 a missing or reused key.
      ...problemResponses(401, 409, 422),
    },
  });

/** Checkout (idempotent): the signed-in customer's cart becomes a `pending_payment` order. */
export function checkoutRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });

  app.openapi(checkoutRoute(ctx), async (c) => {
    const { shippingAddress, couponCode } = c.req.valid("json");
    const result = await ctx.useCase("PlaceOrder").execute({
      customerId: currentAuth(c).customerId,
      shippingAddress,
      ...(couponCode === undefined ? {} : { couponCode }),
    });
    if (!result.ok) {
      if (result.error.code === "stock.insufficient") ctx.metrics.checkoutsRejectedStock.inc();
      return respondError(c, result.error);
    }
    ctx.metrics.ordersPlaced.inc();
    return c.json(toOrderJson(result.value), 201);
  });

  return app;
}
